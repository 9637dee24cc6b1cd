<?php
/**
 * A WooCommerce product's featured image and gallery: replaced by Pixport results only when every
 * image succeeded, with the originals remembered for a one-click restore.
 *
 * @package Pixport
 */

namespace Pixport\Woo;

defined( 'ABSPATH' ) || exit;

final class ProductImages {
	public const ORIGINALS = '_pixport_original_images';

	/** @return array{thumbnail:int,gallery:int[]} */
	public static function current( int $product_id ): array {
		$product = function_exists( 'wc_get_product' ) ? wc_get_product( $product_id ) : null;
		if ( $product ) {
			return array(
				'thumbnail' => (int) $product->get_image_id(),
				'gallery'   => array_map( 'intval', $product->get_gallery_image_ids() ),
			);
		}
		$gallery = (string) get_post_meta( $product_id, '_product_image_gallery', true );
		return array(
			'thumbnail' => (int) get_post_thumbnail_id( $product_id ),
			'gallery'   => array_values( array_filter( array_map( 'intval', explode( ',', $gallery ) ) ) ),
		);
	}

	/** @return int[] Featured image first, then the gallery. */
	public static function all_ids( int $product_id ): array {
		$images = self::current( $product_id );
		return array_values( array_unique( array_filter( array_merge( array( $images['thumbnail'] ), $images['gallery'] ) ) ) );
	}

	public static function has_originals( int $product_id ): bool {
		return is_array( get_post_meta( $product_id, self::ORIGINALS, true ) );
	}

	/** Called when a product batch finishes: swaps the images only if every one succeeded. */
	public static function apply_batch( array $batch ): string {
		$product_id = (int) ( $batch['context']['product_id'] ?? 0 );
		$results    = array();
		foreach ( $batch['items'] as $item ) {
			if ( 'done' !== $item['state'] || ! $item['result_id'] ) {
				return __( 'Not every product image could be processed; the product\'s images were left unchanged.', 'pixport' );
			}
			$results[ (int) $item['attachment_id'] ] = (int) $item['result_id'];
		}
		$before = self::current( $product_id );
		if ( ! self::has_originals( $product_id ) ) {
			update_post_meta( $product_id, self::ORIGINALS, $before + array( 'replaced_at' => time() ) );
		}
		self::write(
			$product_id,
			$results[ $before['thumbnail'] ] ?? $before['thumbnail'],
			array_map( static fn ( int $id ): int => $results[ $id ] ?? $id, $before['gallery'] )
		);
		/* translators: %d: number of images */
		return sprintf( _n( '%d product image replaced; the original is kept in the media library.', '%d product images replaced; the originals are kept in the media library.', count( $results ), 'pixport' ), count( $results ) );
	}

	/**
	 * Puts the original featured image and gallery back (the processed copies stay in the library).
	 *
	 * @return array{thumbnail:int,gallery:int[]}
	 * @throws \RuntimeException When there is nothing to restore or an original was deleted.
	 */
	public static function restore( int $product_id ): array {
		$originals = get_post_meta( $product_id, self::ORIGINALS, true );
		if ( ! is_array( $originals ) ) {
			throw new \RuntimeException( __( 'This product has no Pixport originals to restore.', 'pixport' ) );
		}
		$ids = array_filter( array_merge( array( (int) $originals['thumbnail'] ), array_map( 'intval', (array) $originals['gallery'] ) ) );
		foreach ( $ids as $id ) {
			if ( 'attachment' !== get_post_type( $id ) ) {
				/* translators: %d: attachment id */
				throw new \RuntimeException( sprintf( __( 'Original image #%d is no longer in the media library; nothing was restored.', 'pixport' ), $id ) );
			}
		}
		self::write( $product_id, (int) $originals['thumbnail'], array_map( 'intval', (array) $originals['gallery'] ) );
		delete_post_meta( $product_id, self::ORIGINALS );
		return array(
			'thumbnail' => (int) $originals['thumbnail'],
			'gallery'   => array_map( 'intval', (array) $originals['gallery'] ),
		);
	}

	/** @param int[] $gallery */
	private static function write( int $product_id, int $thumbnail, array $gallery ): void {
		$product = function_exists( 'wc_get_product' ) ? wc_get_product( $product_id ) : null;
		if ( $product ) {
			$product->set_image_id( $thumbnail );
			$product->set_gallery_image_ids( $gallery );
			$product->save();
			return;
		}
		if ( $thumbnail ) {
			set_post_thumbnail( $product_id, $thumbnail );
		} else {
			delete_post_thumbnail( $product_id );
		}
		update_post_meta( $product_id, '_product_image_gallery', implode( ',', $gallery ) );
	}
}
