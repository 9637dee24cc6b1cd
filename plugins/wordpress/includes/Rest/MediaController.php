<?php
/**
 * Single-image actions from the media library: process into a new attachment, check compliance.
 *
 * @package Pixport
 */

namespace Pixport\Rest;

use Pixport\Media\ImageProcessor;
use Pixport\Operations;
use Pixport\Settings\Options;

defined( 'ABSPATH' ) || exit;

final class MediaController {
	public static function process( \WP_REST_Request $request ): \WP_REST_Response|\WP_Error {
		$id        = (int) $request['id'];
		$operation = (string) ( $request['operation'] ?? Options::default_operation() );
		$guard     = self::guard( $id );
		if ( $guard ) {
			return $guard;
		}
		if ( ! Operations::exists( $operation ) ) {
			return new \WP_Error( 'pixport_invalid_parameter', __( 'Unknown operation.', 'pixport' ), array( 'status' => 400 ) );
		}
		try {
			$result_id = ImageProcessor::from_settings()->run_to_attachment( $id, $operation, (array) ( $request['params'] ?? array() ) );
		} catch ( \Throwable $error ) {
			return Failure::of( $error );
		}
		return rest_ensure_response( PreviewController::attachment( $result_id ) );
	}

	public static function compliance( \WP_REST_Request $request ): \WP_REST_Response|\WP_Error {
		$id    = (int) $request['id'];
		$guard = self::guard( $id );
		if ( $guard ) {
			return $guard;
		}
		$marketplaces = array_values( array_intersect( (array) ( $request['marketplaces'] ?? array( Options::default_preset() ) ), Operations::marketplaces() ) );
		if ( ! $marketplaces ) {
			return new \WP_Error( 'pixport_invalid_parameter', __( 'Name at least one known marketplace.', 'pixport' ), array( 'status' => 400 ) );
		}
		try {
			return rest_ensure_response( ImageProcessor::from_settings()->check_compliance( $id, $marketplaces ) );
		} catch ( \Throwable $error ) {
			return Failure::of( $error );
		}
	}

	private static function guard( int $id ): ?\WP_Error {
		if ( ! Options::is_configured() ) {
			return Failure::not_configured();
		}
		return ImageProcessor::is_image( $id ) ? null : Failure::not_found( __( 'Image', 'pixport' ) );
	}
}
