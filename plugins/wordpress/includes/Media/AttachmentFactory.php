<?php
/**
 * Turns hub output into a new media-library attachment. The original is never modified; on any
 * failure the half-made file and post are removed, so the library never holds a broken item.
 *
 * @package Pixport
 */

namespace Pixport\Media;

defined( 'ABSPATH' ) || exit;

final class AttachmentFactory {
	private const EXTENSIONS = array(
		'image/jpeg' => 'jpg',
		'image/png'  => 'png',
		'image/webp' => 'webp',
		'image/avif' => 'avif',
		'image/gif'  => 'gif',
	);

	public static function extension_for( string $content_type ): ?string {
		return self::EXTENSIONS[ $content_type ] ?? null;
	}

	/**
	 * @param string $bytes        Image bytes from the hub.
	 * @param string $content_type Their MIME type.
	 * @param int    $source_id    The attachment they were made from.
	 * @param string $operation    Hub operation name.
	 * @param int    $author_id    Who the result belongs to: the user who asked for it (a batch's
	 *                             starter, also when WP-Cron finishes it); 0 = the original's author.
	 * @return int The new attachment's id.
	 * @throws \RuntimeException When the bytes are not an image or WordPress refuses the file.
	 */
	public static function create( string $bytes, string $content_type, int $source_id, string $operation, int $author_id = 0 ): int {
		$extension = self::extension_for( $content_type );
		if ( null === $extension || '' === $bytes ) {
			throw new \RuntimeException( sprintf( 'The hub returned %s, not an image.', $content_type ? $content_type : 'an empty answer' ) );
		}
		$source_file = (string) get_attached_file( $source_id );
		$base        = sanitize_file_name( pathinfo( $source_file, PATHINFO_FILENAME ) );
		$base        = preg_replace( '/-scaled$/', '', $base );
		$upload      = wp_upload_bits( sprintf( '%s-pixport-%s.%s', $base ? $base : 'image', $operation, $extension ), null, $bytes );
		if ( ! empty( $upload['error'] ) ) {
			throw new \RuntimeException( (string) $upload['error'] );
		}
		$file = $upload['file'];
		if ( false === wp_getimagesize( $file ) ) {
			wp_delete_file( $file );
			throw new \RuntimeException( 'The hub returned a file that is not a readable image.' );
		}

		$source = get_post( $source_id );
		$title  = $source ? $source->post_title : $base;
		$author = $author_id > 0 ? $author_id : ( $source ? (int) $source->post_author : 0 );
		$id     = wp_insert_attachment(
			array(
				'post_mime_type' => $content_type,
				'post_title'     => sprintf( '%s (Pixport: %s)', $title, $operation ),
				'post_content'   => '',
				'post_status'    => 'inherit',
				'post_parent'    => $source ? (int) $source->post_parent : 0,
				'post_author'    => $author,
			),
			$file,
			0,
			true
		);
		if ( is_wp_error( $id ) ) {
			wp_delete_file( $file );
			throw new \RuntimeException( $id->get_error_message() );
		}
		try {
			require_once ABSPATH . 'wp-admin/includes/image.php';
			wp_update_attachment_metadata( $id, wp_generate_attachment_metadata( $id, $file ) );
			$alt = get_post_meta( $source_id, '_wp_attachment_image_alt', true );
			if ( $alt ) {
				update_post_meta( $id, '_wp_attachment_image_alt', $alt );
			}
			update_post_meta( $id, '_pixport_source', $source_id );
			update_post_meta( $id, '_pixport_operation', $operation );
		} catch ( \Throwable $error ) {
			wp_delete_attachment( $id, true );
			throw new \RuntimeException( $error->getMessage(), 0, $error );
		}
		return (int) $id;
	}
}
