<?php
/**
 * Turns what went wrong into a REST error with a message an admin can act on.
 *
 * @package Pixport
 */

namespace Pixport\Rest;

use Pixport\Hub\HubError;

defined( 'ABSPATH' ) || exit;

final class Failure {
	public static function of( \Throwable $error ): \WP_Error {
		if ( $error instanceof HubError ) {
			return $error->to_wp_error();
		}
		if ( $error instanceof \InvalidArgumentException ) {
			return new \WP_Error( 'pixport_invalid_parameter', $error->getMessage(), array( 'status' => 400 ) );
		}
		return new \WP_Error( 'pixport_failed', $error->getMessage(), array( 'status' => 500 ) );
	}

	public static function not_found( string $what ): \WP_Error {
		/* translators: %s: what was not found */
		return new \WP_Error( 'pixport_not_found', sprintf( __( '%s not found.', 'pixport' ), $what ), array( 'status' => 404 ) );
	}

	public static function not_configured(): \WP_Error {
		return new \WP_Error( 'pixport_not_configured', __( 'Pixport is not set up yet: add the hub URL and an API key in Settings → Pixport.', 'pixport' ), array( 'status' => 424 ) );
	}
}
