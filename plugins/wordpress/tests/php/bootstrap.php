<?php
/**
 * Unit tests of the plugin's pure PHP (no WordPress): the few WordPress functions those classes call,
 * with WordPress's behaviour, and a tiny assertion runner that ends with "N passed, N failed".
 *
 * @package Pixport
 */

define( 'ABSPATH', __DIR__ . '/' );
define( 'MINUTE_IN_SECONDS', 60 );
define( 'PIXPORT_VERSION', 'test' );

function __( $text, $domain = null ) { return $text; } // phpcs:ignore
function _n( $single, $plural, $number, $domain = null ) { return 1 === $number ? $single : $plural; } // phpcs:ignore
function wp_parse_url( $url, $component = -1 ) { return parse_url( $url, $component ); } // phpcs:ignore
function untrailingslashit( $value ) { return rtrim( $value, '/\\' ); } // phpcs:ignore
function apply_filters( $hook, $value ) { return $value; } // phpcs:ignore

require_once dirname( __DIR__, 2 ) . '/includes/Autoloader.php';
\Pixport\Autoloader::register( 'Pixport\\', dirname( __DIR__, 2 ) . '/includes/' );

final class Check {
	public static int $passed = 0;
	public static int $failed = 0;

	public static function test( string $name, callable $body ): void {
		try {
			$body();
			++self::$passed;
			echo "ok   {$name}\n";
		} catch ( \Throwable $error ) {
			++self::$failed;
			echo "FAIL {$name}: {$error->getMessage()}\n";
		}
	}

	/** @param mixed $expected @param mixed $actual */
	public static function same( $expected, $actual, string $what = '' ): void {
		if ( $expected !== $actual ) {
			throw new \RuntimeException( sprintf( '%s expected %s, got %s', $what, var_export( $expected, true ), var_export( $actual, true ) ) );
		}
	}

	public static function contains( string $needle, string $haystack ): void {
		if ( ! str_contains( $haystack, $needle ) ) {
			throw new \RuntimeException( sprintf( 'expected "%s" in "%s"', $needle, $haystack ) );
		}
	}

	public static function throws( string $message_part, callable $body ): void {
		try {
			$body();
		} catch ( \Throwable $error ) {
			self::contains( $message_part, $error->getMessage() );
			return;
		}
		throw new \RuntimeException( 'expected an exception containing "' . $message_part . '"' );
	}

	public static function summary(): int {
		echo self::$passed . ' passed, ' . self::$failed . " failed\n";
		return self::$failed > 0 ? 1 : 0;
	}
}
