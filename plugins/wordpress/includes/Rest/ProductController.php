<?php
/**
 * WooCommerce product routes: process the featured image + gallery as one batch, restore originals.
 *
 * @package Pixport
 */

namespace Pixport\Rest;

use Pixport\Bulk\BatchScheduler;
use Pixport\Bulk\BatchView;
use Pixport\Settings\Options;
use Pixport\Woo\ProductImages;

defined( 'ABSPATH' ) || exit;

final class ProductController {
	public static function process( \WP_REST_Request $request ): \WP_REST_Response|\WP_Error {
		$product_id = (int) $request['id'];
		if ( ! self::is_product( $product_id ) ) {
			return Failure::not_found( __( 'Product', 'pixport' ) );
		}
		if ( ! Options::is_configured() ) {
			return Failure::not_configured();
		}
		$ids = ProductImages::all_ids( $product_id );
		if ( ! $ids ) {
			return new \WP_Error( 'pixport_no_images', __( 'This product has no featured image or gallery to process.', 'pixport' ), array( 'status' => 400 ) );
		}
		try {
			list( $operation, $params ) = BatchController::operation( $request );
		} catch ( \InvalidArgumentException $error ) {
			return Failure::of( $error );
		}
		$batch = BatchScheduler::start(
			$ids,
			$operation,
			$params,
			array(
				'type'       => 'product',
				'product_id' => $product_id,
			)
		);
		return new \WP_REST_Response( BatchView::of( $batch ), 201 );
	}

	public static function restore( \WP_REST_Request $request ): \WP_REST_Response|\WP_Error {
		$product_id = (int) $request['id'];
		if ( ! self::is_product( $product_id ) ) {
			return Failure::not_found( __( 'Product', 'pixport' ) );
		}
		try {
			return rest_ensure_response( ProductImages::restore( $product_id ) );
		} catch ( \RuntimeException $error ) {
			return new \WP_Error( 'pixport_restore_failed', $error->getMessage(), array( 'status' => 409 ) );
		}
	}

	private static function is_product( int $id ): bool {
		return class_exists( 'WooCommerce' ) && 'product' === get_post_type( $id );
	}
}
