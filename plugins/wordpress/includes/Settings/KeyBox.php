<?php
/**
 * The API key at rest: sealed with XSalsa20-Poly1305 (`sodium_crypto_secretbox`, from PHP's sodium or
 * WordPress's bundled sodium_compat) under a key derived from the site's salts, so a database dump
 * alone does not reveal it. New salts make the stored key unreadable: it must be pasted again.
 *
 * @package Pixport
 */

namespace Pixport\Settings;

defined( 'ABSPATH' ) || exit;

final class KeyBox {
	public const PREFIX = 'pxpbox1:';

	/** Seals a key; '' stays ''. */
	public static function seal( string $key, string $secret ): string {
		if ( '' === $key ) {
			return '';
		}
		$nonce = random_bytes( SODIUM_CRYPTO_SECRETBOX_NONCEBYTES );
		return self::PREFIX . base64_encode( $nonce . sodium_crypto_secretbox( $key, $nonce, self::derive( $secret ) ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions
	}

	/**
	 * The key from a stored value; null when it cannot be opened (other salts, damaged). A value from
	 * before encryption (a plain `pxp_…` key) is returned as is, to be sealed on the next save.
	 */
	public static function open( string $stored, string $secret ): ?string {
		if ( '' === $stored ) {
			return '';
		}
		if ( ! self::is_sealed( $stored ) ) {
			return $stored;
		}
		$raw = base64_decode( substr( $stored, strlen( self::PREFIX ) ), true ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions
		if ( false === $raw || strlen( $raw ) <= SODIUM_CRYPTO_SECRETBOX_NONCEBYTES + SODIUM_CRYPTO_SECRETBOX_MACBYTES ) {
			return null;
		}
		$nonce  = substr( $raw, 0, SODIUM_CRYPTO_SECRETBOX_NONCEBYTES );
		$opened = sodium_crypto_secretbox_open( substr( $raw, SODIUM_CRYPTO_SECRETBOX_NONCEBYTES ), $nonce, self::derive( $secret ) );
		return false === $opened ? null : $opened;
	}

	public static function is_sealed( string $stored ): bool {
		return str_starts_with( $stored, self::PREFIX );
	}

	/** 32 bytes for this purpose only, from the site's secret (wp_salt). */
	private static function derive( string $secret ): string {
		return hash_hmac( 'sha256', 'pixport api key at rest v1', $secret, true );
	}
}
