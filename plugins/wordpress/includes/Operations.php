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
	public const MARKETPLACES = array( 'amazon', 'shopify', 'woocommerce', 'ebay', 'etsy', 'google' );

	private const FORMATS = array( 'jpeg', 'png', 'webp' );

	/** Canonical operation name => hub sync path under /api/v1/ and the accepted parameters. */
	private const CATALOGUE = array(
		'process'              => array(
			'path'   => 'process',
			'params' => array(
				'preset'     => array( 'enum', self::MARKETPLACES ),
				'width'      => array( 'int', 1, 10000 ),
				'height'     => array( 'int', 1, 10000 ),
				'margin'     => array( 'float', 0, 0.49 ),
				'background' => array( 'color' ),
				'format'     => array( 'enum', self::FORMATS ),
			),
		),
		'remove-background'    => array(
			'path'   => 'remove-background',
			'params' => array(
				'crop'        => array( 'bool' ),
				'crop_margin' => array( 'float', 0, 0.49 ),
				'bg_color'    => array( 'color' ),
				'format'      => array( 'enum', self::FORMATS ),
			),
		),
		'backgrounds-generate' => array(
			'path'   => 'backgrounds/generate',
			'params' => array(
				'kind'     => array( 'enum', array( 'solid', 'linear', 'radial', 'studio' ) ),
				'color'    => array( 'color' ),
				'color_to' => array( 'color' ),
				'shadow'   => array( 'enum', array( 'none', 'drop', 'contact', 'reflection' ) ),
				'width'    => array( 'int', 1, 10000 ),
				'height'   => array( 'int', 1, 10000 ),
				'margin'   => array( 'float', 0, 0.49 ),
				'format'   => array( 'enum', self::FORMATS ),
			),
		),
		'upscale'              => array(
			'path'   => 'upscale',
			'params' => array(
				'scale'  => array( 'enum', array( '2', '4' ) ),
				'format' => array( 'enum', self::FORMATS ),
			),
		),
	);

	public static function exists( string $operation ): bool {
		return isset( self::CATALOGUE[ $operation ] );
	}

	/** @return string[] */
	public static function names(): array {
		return array_keys( self::CATALOGUE );
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
		return '/api/v1/' . self::CATALOGUE[ $operation ]['path'];
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
		foreach ( self::CATALOGUE[ $operation ]['params'] as $name => $rule ) {
			if ( ! array_key_exists( $name, $raw ) || null === $raw[ $name ] || '' === $raw[ $name ] ) {
				continue;
			}
			$clean[ $name ] = self::coerce( $name, $raw[ $name ], $rule );
		}
		return $clean;
	}

	/** @param mixed $value */
	private static function coerce( string $name, $value, array $rule ): string {
		if ( ! is_scalar( $value ) ) {
			throw new \InvalidArgumentException( sprintf( '%s must be a single value.', $name ) );
		}
		$text = trim( (string) $value );
		switch ( $rule[0] ) {
			case 'int':
				if ( ! preg_match( '/^\d+$/', $text ) || (int) $text < $rule[1] || (int) $text > $rule[2] ) {
					throw new \InvalidArgumentException( sprintf( '%s must be an integer between %d and %d.', $name, $rule[1], $rule[2] ) );
				}
				return (string) (int) $text;
			case 'float':
				if ( ! is_numeric( $text ) || (float) $text < $rule[1] || (float) $text > $rule[2] ) {
					throw new \InvalidArgumentException( sprintf( '%s must be a number between %s and %s.', $name, $rule[1], $rule[2] ) );
				}
				return (string) (float) $text;
			case 'bool':
				return filter_var( $value, FILTER_VALIDATE_BOOLEAN ) ? 'true' : 'false';
			case 'color':
				if ( 'transparent' === $text || preg_match( '/^#?([0-9a-f]{3}|[0-9a-f]{6})$/i', $text ) ) {
					return 'transparent' === $text ? $text : '#' . ltrim( strtolower( $text ), '#' );
				}
				throw new \InvalidArgumentException( sprintf( '%s must be a hex colour like #ffffff.', $name ) );
			case 'enum':
				if ( ! in_array( $text, $rule[1], true ) ) {
					throw new \InvalidArgumentException( sprintf( '%s must be one of %s.', $name, implode( ', ', $rule[1] ) ) );
				}
				return $text;
		}
		throw new \InvalidArgumentException( sprintf( '%s is not accepted.', $name ) );
	}
}
