<?php
/**
 * Settings routes: validate the key now, read the cached validation, read the hub's usage snapshot.
 *
 * @package Pixport
 */

namespace Pixport\Rest;

use Pixport\Hub\HubClient;
use Pixport\Hub\HubError;
use Pixport\Settings\Options;
use Pixport\Settings\ValidationCache;

defined( 'ABSPATH' ) || exit;

final class SettingsController {
	public static function validate(): \WP_REST_Response|\WP_Error {
		if ( ! Options::is_configured() ) {
			return Failure::not_configured();
		}
		return rest_ensure_response( ValidationCache::refresh() );
	}

	public static function cached(): \WP_REST_Response {
		return rest_ensure_response( ValidationCache::get() );
	}

	public static function usage(): \WP_REST_Response|\WP_Error {
		if ( ! Options::is_configured() ) {
			return Failure::not_configured();
		}
		try {
			$usage = HubClient::from_settings()->usage();
		} catch ( HubError $error ) {
			ValidationCache::note_refusal( $error );
			return $error->to_wp_error();
		}
		return rest_ensure_response(
			array(
				'range'               => $usage['range'] ?? null,
				'total_requests'      => (int) ( $usage['total_requests'] ?? 0 ),
				'errors'              => (int) ( $usage['errors'] ?? 0 ),
				'units_reported'      => (int) ( $usage['units_reported'] ?? 0 ),
				'heavy_calls'         => (int) ( $usage['heavy_calls'] ?? 0 ),
				'average_duration_ms' => $usage['average_duration_ms'] ?? null,
				'last_request_at'     => $usage['last_request_at'] ?? null,
				'by_operation'        => array_values( (array) ( $usage['by_operation'] ?? array() ) ),
			)
		);
	}
}
