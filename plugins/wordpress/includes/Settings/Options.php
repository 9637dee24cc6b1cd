<?php
/**
 * The plugin's settings: one option, with the API key overridable by a wp-config.php constant.
 *
 * @package Pixport
 */

namespace Pixport\Settings;

use Pixport\Hub\HubClient;
use Pixport\Hub\HubError;
use Pixport\Operations;

defined( 'ABSPATH' ) || exit;

final class Options {
	public const OPTION = 'pixport_settings';

	private const DEFAULTS = array(
		'hub_url'           => '',
		'api_key'           => '',
		'default_preset'    => 'woocommerce',
		'default_operation' => 'process',
	);

	/** @return array{hub_url:string,api_key:string,default_preset:string,default_operation:string} */
	public static function all(): array {
		$stored = get_option( self::OPTION, array() );
		return array_merge( self::DEFAULTS, is_array( $stored ) ? array_intersect_key( $stored, self::DEFAULTS ) : array() );
	}

	public static function hub_url(): string {
		return untrailingslashit( self::all()['hub_url'] );
	}

	/** The key PHP sends to the hub. Never printed, never returned to the browser. */
	public static function api_key(): string {
		if ( self::key_from_constant() ) {
			return trim( (string) constant( 'PIXPORT_API_KEY' ) );
		}
		return (string) KeyBox::open( self::all()['api_key'], self::secret() );
	}

	/** Whether the option holds a key (sealed), whatever the constant says. */
	public static function has_stored_key(): bool {
		return '' !== self::all()['api_key'];
	}

	/** A stored key that the site's salts no longer open (they were changed): it must be pasted again. */
	public static function stored_key_unreadable(): bool {
		return self::has_stored_key() && null === KeyBox::open( self::all()['api_key'], self::secret() );
	}

	/** Seals a key stored before encryption, once (on admin_init). */
	public static function seal_plain_key(): void {
		$stored = self::all();
		if ( '' !== $stored['api_key'] && ! KeyBox::is_sealed( $stored['api_key'] ) ) {
			$stored['api_key'] = KeyBox::seal( $stored['api_key'], self::secret() );
			update_option( self::OPTION, $stored );
		}
	}

	/** The secret the stored key is sealed under: from the site's salts (wp-config.php). */
	private static function secret(): string {
		return wp_salt( 'auth' ) . wp_salt( 'secure_auth' );
	}

	/** A `PIXPORT_API_KEY` constant in wp-config.php wins over the stored option. */
	public static function key_from_constant(): bool {
		return defined( 'PIXPORT_API_KEY' ) && '' !== trim( (string) constant( 'PIXPORT_API_KEY' ) );
	}

	public static function is_configured(): bool {
		return '' !== self::hub_url() && '' !== self::api_key();
	}

	public static function default_preset(): string {
		return self::all()['default_preset'];
	}

	public static function default_operation(): string {
		return self::all()['default_operation'];
	}

	/** `pxp_live_7Gq…x9Qz`: enough to recognise the key, useless to anyone who reads it. */
	public static function masked_key(): string {
		return self::mask( self::api_key() );
	}

	public static function mask( string $key ): string {
		if ( '' === $key ) {
			return '';
		}
		if ( strlen( $key ) <= 16 ) {
			return str_repeat( '•', 8 );
		}
		return substr( $key, 0, 12 ) . '…' . substr( $key, -4 );
	}

	/**
	 * Sanitizes the settings form. A new key is kept only once the hub accepts it: a refused, malformed
	 * or unverifiable key leaves the stored key in place and says so once. An empty key field keeps the
	 * stored key (the form never shows it); the `clear_api_key` checkbox removes it (also when the
	 * wp-config.php constant is set). WordPress runs this twice on the first save (update_option, then
	 * add_option with the result), so a value this method produced passes through unchanged.
	 *
	 * @param mixed $input Raw form input.
	 */
	public static function sanitize( $input ): array {
		$current = self::all();
		$input   = is_array( $input ) ? wp_unslash( $input ) : array();
		$next    = $current;

		if ( isset( $input['hub_url'] ) ) {
			$url = esc_url_raw( trim( (string) $input['hub_url'] ), array( 'http', 'https' ) );
			if ( '' === $url && '' !== trim( (string) $input['hub_url'] ) ) {
				self::error( 'pixport_hub_url', __( 'The hub URL must start with http:// or https://.', 'pixport' ) );
			} else {
				$next['hub_url'] = untrailingslashit( $url );
			}
		}
		$key = isset( $input['api_key'] ) ? trim( (string) $input['api_key'] ) : '';
		if ( '' !== $key && KeyBox::is_sealed( $key ) ) {
			$next['api_key'] = $key; // Our own output, on WordPress's second pass.
		} elseif ( '' !== $key ) {
			if ( ! preg_match( '/^[A-Za-z0-9_]{8,200}$/', $key ) ) {
				self::error( 'pixport_api_key', __( 'That does not look like a Pixport API key (pxp_live_… or pxp_test_…). The stored key was kept.', 'pixport' ) );
			} elseif ( self::hub_accepts( $next['hub_url'], $key ) ) {
				$next['api_key'] = KeyBox::seal( $key, self::secret() );
			}
		} elseif ( ! empty( $input['clear_api_key'] ) ) {
			$next['api_key'] = '';
		}
		if ( isset( $input['default_preset'] ) && in_array( $input['default_preset'], Operations::marketplaces(), true ) ) {
			$next['default_preset'] = $input['default_preset'];
		}
		if ( isset( $input['default_operation'] ) && Operations::exists( (string) $input['default_operation'] ) ) {
			$next['default_operation'] = $input['default_operation'];
		}
		if ( $next['hub_url'] !== $current['hub_url'] || $next['api_key'] !== $current['api_key'] ) {
			ValidationCache::forget();
		}
		return $next;
	}

	/** @var array<string,bool> Verdicts of this request, so the second pass does not call the hub again. */
	private static array $accepted = array();

	/** Validates a new key at the hub before it may replace the stored one; says why not, once. */
	private static function hub_accepts( string $hub_url, string $key ): bool {
		$memo = hash( 'sha256', $hub_url . "\n" . $key );
		if ( isset( self::$accepted[ $memo ] ) ) {
			return self::$accepted[ $memo ];
		}
		if ( '' === $hub_url ) {
			self::error( 'pixport_api_key', __( 'Set the hub URL first: a key is saved only once the hub has accepted it. The stored key was kept.', 'pixport' ) );
			return self::$accepted[ $memo ] = false;
		}
		try {
			$answer = ( new HubClient( $hub_url, $key ) )->validate();
		} catch ( HubError $error ) {
			$reason = $error->is_key_problem()
				/* translators: %s: the hub's refusal */
				? __( 'Key refused: %s The stored key was kept.', 'pixport' )
				/* translators: %s: why the hub could not be asked */
				: __( 'The new key could not be checked, so it was not saved: %s The stored key was kept.', 'pixport' );
			self::error( 'pixport_api_key', sprintf( $reason, $error->user_message() ) );
			return self::$accepted[ $memo ] = false;
		}
		ValidationCache::remember( ValidationCache::from_answer( $answer, self::mask( $key ) ), $hub_url, $key );
		return self::$accepted[ $memo ] = true;
	}

	/** A settings error, once per code (WordPress may sanitize twice in one save). */
	private static function error( string $code, string $message ): void {
		foreach ( get_settings_errors( self::OPTION ) as $existing ) {
			if ( $existing['code'] === $code ) {
				return;
			}
		}
		add_settings_error( self::OPTION, $code, $message );
	}
}
