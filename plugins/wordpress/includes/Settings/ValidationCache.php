<?php
/**
 * The last key validation, cached briefly so the settings page does not call the hub on every load.
 * A refusal seen anywhere (e.g. a revoked key during processing) replaces the cached success.
 *
 * @package Pixport
 */

namespace Pixport\Settings;

use Pixport\Hub\HubClient;
use Pixport\Hub\HubError;

defined( 'ABSPATH' ) || exit;

final class ValidationCache {
	private const TRANSIENT = 'pixport_validation';
	private const TTL       = 5 * MINUTE_IN_SECONDS;

	/** Cached result for the current hub URL + key, or null. */
	public static function get(): ?array {
		$cached = get_transient( self::TRANSIENT );
		if ( ! is_array( $cached ) || ( $cached['fingerprint'] ?? '' ) !== self::fingerprint() ) {
			return null;
		}
		unset( $cached['fingerprint'] );
		return $cached;
	}

	/** Calls the hub now and caches what it says. */
	public static function refresh( ?HubClient $hub = null ): array {
		$hub = $hub ?? HubClient::from_settings();
		try {
			$answer = $hub->validate();
			$result = array(
				'valid'        => true,
				'organization' => (string) ( $answer['organization']['name'] ?? '' ),
				'plan'         => (string) ( $answer['plan']['name'] ?? '' ),
				'credits'      => (int) ( $answer['plan']['credits_remaining'] ?? 0 ),
				'rate_limit'   => (int) ( $answer['plan']['rate_limit_per_minute'] ?? 0 ),
				'mode'         => (string) ( $answer['key']['mode'] ?? '' ),
				'masked'       => (string) ( $answer['key']['masked'] ?? Options::masked_key() ),
				'scopes'       => array_values( array_map( 'strval', (array) ( $answer['key']['scopes'] ?? array() ) ) ),
			);
		} catch ( HubError $error ) {
			$result = self::refusal( $error );
		}
		return self::store( $result );
	}

	/** Records a key refusal seen during other work, so the settings page shows it. */
	public static function note_refusal( HubError $error ): void {
		if ( 401 === $error->status ) {
			self::store( self::refusal( $error ) );
		}
	}

	public static function forget(): void {
		delete_transient( self::TRANSIENT );
	}

	private static function refusal( HubError $error ): array {
		return array(
			'valid'   => false,
			'status'  => $error->status,
			'code'    => $error->error_code,
			'revoked' => 'key_revoked' === $error->error_code,
			'message' => $error->user_message(),
		);
	}

	private static function store( array $result ): array {
		$result['checked_at']  = time();
		$result['fingerprint'] = self::fingerprint();
		set_transient( self::TRANSIENT, $result, self::TTL );
		unset( $result['fingerprint'] );
		return $result;
	}

	/** Ties the cache to the URL + key without storing the key a second time. */
	private static function fingerprint(): string {
		return hash_hmac( 'sha256', Options::hub_url() . "\n" . Options::api_key(), wp_salt( 'auth' ) );
	}
}
