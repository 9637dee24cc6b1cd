<?php
/**
 * The hub operations the plugin offers, their hub paths and the parameters it forwards (a whitelist:
 * nothing else from the browser reaches the hub). The hub validates ranges again.
 *
 * @package Pixport
 */

namespace Pixport;

defined( 'ABSPATH' ) || exit;

final class Operations {
	/**
	 * The parameters the plugin offers per operation: names from the hub's catalogue (their types,
	 * ranges and values come from there), optionally narrowed to fewer values than the hub accepts.
	 * Nothing else from the browser reaches the hub.
	 */
	private const OFFERED = array(
		'process'              => array( 'preset', 'width', 'height', 'margin', 'background', 'format' ),
		'remove-background'    => array( 'crop', 'crop_margin', 'bg_color', 'format' ),
		'backgrounds-generate' => array( 'kind', 'color', 'color_to', 'shadow', 'width', 'height', 'margin', 'format' ),
		'upscale'              => array( 'scale', 'format' ),
	);

	/** Values the plugin offers where the hub accepts more (`kind=image` needs a second file). */
	private const NARROWED = array(
		'backgrounds-generate' => array( 'kind' => array( 'solid', 'linear', 'radial', 'studio' ) ),
		'upscale'              => array( 'scale' => array( '2', '4' ) ),
	);

	private static ?array $catalogue = null;

	/**
	 * `includes/operations.json`, generated from @pixport/shared's schemas (`npm run catalogue` at the
	 * repository root; a shared test fails when it drifts).
	 */
	public static function catalogue(): array {
		if ( null === self::$catalogue ) {
			$decoded         = json_decode( (string) file_get_contents( __DIR__ . '/operations.json' ), true ); // phpcs:ignore WordPress.WP.AlternativeFunctions
			self::$catalogue = is_array( $decoded ) ? $decoded : array( 'operations' => array(), 'marketplaces' => array() );
		}
		return self::$catalogue;
	}

	/** @return string[] Marketplace preset names, e.g. `woocommerce`. */
	public static function marketplaces(): array {
		return array_column( self::catalogue()['marketplaces'], 'name' );
	}

	/** The marketplace's own spelling ("WooCommerce", "eBay"), or the name itself. */
	public static function marketplace_label( string $name ): string {
		foreach ( self::catalogue()['marketplaces'] as $marketplace ) {
			if ( $marketplace['name'] === $name ) {
				return (string) $marketplace['label'];
			}
		}
		return $name;
	}

	public static function exists( string $operation ): bool {
		return isset( self::OFFERED[ $operation ], self::catalogue()['operations'][ $operation ] );
	}

	/** @return string[] */
	public static function names(): array {
		return array_values( array_filter( array_keys( self::OFFERED ), array( self::class, 'exists' ) ) );
	}

	/** @return array<string,string> operation => human label */
	public static function labels(): array {
		return array(
			'process'              => __( 'Fit to a marketplace preset', 'pixport' ),
			'remove-background'    => __( 'Remove background', 'pixport' ),
			'backgrounds-generate' => __( 'New background + shadow', 'pixport' ),
			'upscale'              => __( 'Upscale', 'pixport' ),
		);
	}

	/** Hub path of the synchronous endpoint, e.g. `/api/v1/backgrounds/generate`. */
	public static function sync_path( string $operation ): string {
		return (string) self::catalogue()['operations'][ $operation ]['path'];
	}

	/**
	 * The rules of the parameters the plugin offers for an operation: the catalogue's, narrowed.
	 *
	 * @return array<string,array> name => catalogue rule
	 * @throws \LogicException When the plugin offers a parameter the hub's catalogue does not have.
	 */
	public static function rules( string $operation ): array {
		$accepted = self::catalogue()['operations'][ $operation ]['params'] ?? array();
		$rules    = array();
		foreach ( self::OFFERED[ $operation ] ?? array() as $name ) {
			if ( ! isset( $accepted[ $name ] ) ) {
				throw new \LogicException( sprintf( 'The hub\'s catalogue has no parameter "%s" for %s.', $name, $operation ) );
			}
			$rules[ $name ] = $accepted[ $name ];
			if ( isset( self::NARROWED[ $operation ][ $name ] ) ) {
				$rules[ $name ] = array(
					'type'   => 'enum',
					'values' => self::NARROWED[ $operation ][ $name ],
					'hub'    => $accepted[ $name ],
				);
			}
		}
		return $rules;
	}

	/** Defaults the site's settings give an operation when the caller leaves them out. */
	public static function defaults( string $operation, string $preset ): array {
		switch ( $operation ) {
			case 'process':
				return array( 'preset' => $preset );
			case 'backgrounds-generate':
				return array( 'kind' => 'studio', 'shadow' => 'contact' );
			case 'upscale':
				return array( 'scale' => '2' );
			default:
				return array();
		}
	}

	/**
	 * Keeps the parameters the operation accepts, typed and in range; drops everything else.
	 *
	 * @param array<string,mixed> $raw Parameters from a request.
	 * @return array<string,string> Form fields for the hub.
	 * @throws \InvalidArgumentException Naming the first field out of range.
	 */
	public static function sanitize_params( string $operation, array $raw ): array {
		if ( ! self::exists( $operation ) ) {
			throw new \InvalidArgumentException( sprintf( 'Unknown operation "%s".', $operation ) );
		}
		$clean = array();
		foreach ( self::rules( $operation ) as $name => $rule ) {
			if ( ! array_key_exists( $name, $raw ) || null === $raw[ $name ] || '' === $raw[ $name ] ) {
				continue;
			}
			$clean[ $name ] = self::coerce( $name, $raw[ $name ], $rule );
		}
		return $clean;
	}

	/**
	 * One value checked against a catalogue rule, as the form string the hub parses.
	 *
	 * @param mixed $value
	 */
	public static function coerce( string $name, $value, array $rule ): string {
		if ( ! is_scalar( $value ) ) {
			throw new \InvalidArgumentException( sprintf( '%s must be a single value.', $name ) );
		}
		$text = trim( (string) $value );
		$min  = $rule['min'] ?? null;
		$max  = $rule['max'] ?? null;
		switch ( $rule['type'] ) {
			case 'int':
				if ( ! preg_match( '/^-?\d+$/', $text ) || ( null !== $min && (int) $text < $min ) || ( null !== $max && (int) $text > $max ) ) {
					throw new \InvalidArgumentException( sprintf( '%s must be an integer between %s and %s.', $name, $min ?? '-∞', $max ?? '∞' ) );
				}
				return (string) (int) $text;
			case 'number':
				if ( ! is_numeric( $text ) || ( null !== $min && (float) $text < $min ) || ( null !== $max && (float) $text > $max ) ) {
					throw new \InvalidArgumentException( sprintf( '%s must be a number between %s and %s.', $name, $min ?? '-∞', $max ?? '∞' ) );
				}
				return (string) (float) $text;
			case 'bool':
				return filter_var( $value, FILTER_VALIDATE_BOOLEAN ) ? 'true' : 'false';
			case 'color':
				if ( ! empty( $rule['transparent'] ) && 'transparent' === $text ) {
					return $text;
				}
				if ( preg_match( '/' . str_replace( '/', '\/', (string) $rule['pattern'] ) . '/', $text ) ) {
					return '#' . ltrim( strtolower( $text ), '#' );
				}
				throw new \InvalidArgumentException( sprintf( '%s must be a hex colour like #ffffff.', $name ) );
			case 'enum':
				if ( ! in_array( $text, $rule['values'], true ) ) {
					throw new \InvalidArgumentException( sprintf( '%s must be one of %s.', $name, implode( ', ', $rule['values'] ) ) );
				}
				return $text;
			case 'string':
				if ( null !== $max && strlen( $text ) > $max ) {
					throw new \InvalidArgumentException( sprintf( '%s must be at most %d characters.', $name, $max ) );
				}
				return $text;
		}
		throw new \InvalidArgumentException( sprintf( '%s is not accepted.', $name ) );
	}
}
