<?php
/**
 * The plugin's settings: one option, with the API key overridable by a wp-config.php constant.
 *
 * @package Pixport
 */

namespace Pixport\Settings;

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
		return self::all()['api_key'];
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
	 * Sanitizes the settings form. An empty key field keeps the stored key (the form never shows it);
	 * the `clear_api_key` checkbox removes it.
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
				add_settings_error( self::OPTION, 'pixport_hub_url', __( 'The hub URL must start with http:// or https://.', 'pixport' ) );
			} else {
				$next['hub_url'] = untrailingslashit( $url );
			}
		}
		$key = isset( $input['api_key'] ) ? trim( (string) $input['api_key'] ) : '';
		if ( '' !== $key ) {
			if ( ! preg_match( '/^[A-Za-z0-9_]{8,200}$/', $key ) ) {
				add_settings_error( self::OPTION, 'pixport_api_key', __( 'That does not look like a Pixport API key (pxp_live_… or pxp_test_…).', 'pixport' ) );
			} else {
				$next['api_key'] = $key;
			}
		} elseif ( ! empty( $input['clear_api_key'] ) ) {
			$next['api_key'] = '';
		}
		if ( isset( $input['default_preset'] ) && in_array( $input['default_preset'], Operations::MARKETPLACES, true ) ) {
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
}
