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
		if ( ! is_array( $cached ) || ! hash_equals( self::fingerprint(), (string) ( $cached['fingerprint'] ?? '' ) ) ) {
			return null;
		}
		unset( $cached['fingerprint'] );
		return $cached;
	}

	/** Calls the hub now and caches what it says. */
	public static function refresh( ?HubClient $hub = null ): array {
		$hub = $hub ?? HubClient::from_settings();
		try {
			$result = self::from_answer( $hub->validate(), Options::masked_key() );
		} catch ( HubError $error ) {
			$result = self::refusal( $error );
		}
		return self::store( $result );
	}

	/** The summary the settings page shows, from the hub's validate answer. */
	public static function from_answer( array $answer, string $masked ): array {
		return array(
			'valid'        => true,
			'organization' => (string) ( $answer['organization']['name'] ?? '' ),
			'plan'         => (string) ( $answer['plan']['name'] ?? '' ),
			'credits'      => (int) ( $answer['plan']['credits_remaining'] ?? 0 ),
			'rate_limit'   => (int) ( $answer['plan']['rate_limit_per_minute'] ?? 0 ),
			'mode'         => (string) ( $answer['key']['mode'] ?? '' ),
			'masked'       => (string) ( $answer['key']['masked'] ?? $masked ),
			'scopes'       => array_values( array_map( 'strval', (array) ( $answer['key']['scopes'] ?? array() ) ) ),
		);
	}

	/** Caches a validation made for a URL + key about to be saved. */
	public static function remember( array $result, string $hub_url, string $key ): void {
		$result['checked_at']  = time();
		$result['fingerprint'] = self::fingerprint( $hub_url, $key );
		set_transient( self::TRANSIENT, $result, self::TTL );
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
			'valid'     => false,
			'status'    => $error->status,
			'code'      => $error->error_code,
			'revoked'   => 'key_revoked' === $error->error_code,
			// Unreachable, 5xx, 429: says nothing about the key; the settings page checks again on load.
			'transient' => $error->is_transient(),
			'message'   => $error->user_message(),
		);
	}

	private static function store( array $result ): array {
		$result['checked_at']  = time();
		$result['fingerprint'] = self::fingerprint();
		// A hub that could not be reached is not remembered for long: it may be back in a minute.
		set_transient( self::TRANSIENT, $result, empty( $result['transient'] ) ? self::TTL : MINUTE_IN_SECONDS );
		unset( $result['fingerprint'] );
		return $result;
	}

	/** Ties the cache to the URL + key without storing the key a second time. */
	private static function fingerprint( ?string $hub_url = null, ?string $key = null ): string {
		return hash_hmac( 'sha256', untrailingslashit( $hub_url ?? Options::hub_url() ) . "\n" . ( $key ?? Options::api_key() ), wp_salt( 'auth' ) );
	}
}
