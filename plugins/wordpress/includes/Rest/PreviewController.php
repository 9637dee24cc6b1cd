<?php
/**
 * The block's flow: run an operation into a preview, then keep it as a new attachment (or discard it).
 *
 * @package Pixport
 */

namespace Pixport\Rest;

use Pixport\Media\AttachmentFactory;
use Pixport\Media\ImageProcessor;
use Pixport\Media\MediaStatus;
use Pixport\Media\PreviewStore;
use Pixport\Operations;
use Pixport\Settings\Options;

defined( 'ABSPATH' ) || exit;

final class PreviewController {
	public static function create( \WP_REST_Request $request ): \WP_REST_Response|\WP_Error {
		$attachment_id = (int) $request['attachment_id'];
		$operation     = (string) $request['operation'];
		if ( ! Options::is_configured() ) {
			return Failure::not_configured();
		}
		if ( ! ImageProcessor::is_image( $attachment_id ) ) {
			return Failure::not_found( __( 'Image', 'pixport' ) );
		}
		if ( ! Operations::exists( $operation ) ) {
			/* translators: %s: operation */
			return new \WP_Error( 'pixport_invalid_parameter', sprintf( __( 'Unknown operation "%s".', 'pixport' ), $operation ), array( 'status' => 400 ) );
		}
		try {
			$result  = ImageProcessor::from_settings()->run( $attachment_id, $operation, (array) $request['params'] );
			$preview = PreviewStore::put(
				$result['bytes'],
				$result['content_type'],
				array(
					'source_id' => $attachment_id,
					'operation' => $operation,
				)
			);
		} catch ( \Throwable $error ) {
			return Failure::of( $error );
		}
		$size = function_exists( 'getimagesizefromstring' ) ? getimagesizefromstring( $result['bytes'] ) : false;
		return rest_ensure_response(
			$preview + array(
				'before_url'   => (string) wp_get_attachment_url( $attachment_id ),
				'operation'    => $operation,
				'content_type' => $result['content_type'],
				'bytes'        => strlen( $result['bytes'] ),
				'width'        => $size ? $size[0] : null,
				'height'       => $size ? $size[1] : null,
			)
		);
	}

	/** Keeps a preview as a new attachment; the original is left as it was. */
	public static function save( \WP_REST_Request $request ): \WP_REST_Response|\WP_Error {
		$token   = (string) $request['token'];
		$preview = PreviewStore::get( $token );
		if ( null === $preview ) {
			return Failure::not_found( __( 'Preview', 'pixport' ) );
		}
		if ( ! current_user_can( 'edit_post', (int) $preview['source_id'] ) ) {
			return new \WP_Error( 'rest_forbidden', __( 'Sorry, you are not allowed to do that.', 'pixport' ), array( 'status' => rest_authorization_required_code() ) );
		}
		try {
			$id = AttachmentFactory::create( $preview['bytes'], $preview['content_type'], (int) $preview['source_id'], (string) $preview['operation'], get_current_user_id() );
		} catch ( \Throwable $error ) {
			return Failure::of( $error );
		}
		PreviewStore::delete( $token );
		MediaStatus::set( (int) $preview['source_id'], 'done', array( 'result_id' => $id ) );
		return rest_ensure_response( self::attachment( $id ) );
	}

	public static function discard( \WP_REST_Request $request ): \WP_REST_Response|\WP_Error {
		$token = (string) $request['token'];
		if ( null === PreviewStore::get( $token ) ) {
			return Failure::not_found( __( 'Preview', 'pixport' ) );
		}
		PreviewStore::delete( $token );
		return rest_ensure_response( array( 'deleted' => true ) );
	}

	public static function attachment( int $id ): array {
		$meta = wp_get_attachment_metadata( $id );
		return array(
			'id'       => $id,
			'url'      => (string) wp_get_attachment_url( $id ),
			'alt'      => (string) get_post_meta( $id, '_wp_attachment_image_alt', true ),
			'width'    => is_array( $meta ) ? (int) ( $meta['width'] ?? 0 ) : 0,
			'height'   => is_array( $meta ) ? (int) ( $meta['height'] ?? 0 ) : 0,
			'edit_url' => (string) get_edit_post_link( $id, 'raw' ),
		);
	}
}
