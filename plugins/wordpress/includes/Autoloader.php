<?php
/**
 * PSR-4 autoloader for the plugin's classes (no Composer needed at run time).
 *
 * @package Pixport
 */

namespace Pixport;

defined( 'ABSPATH' ) || exit;

/** Maps `Pixport\Sub\Name` to `includes/Sub/Name.php`. */
final class Autoloader {
	public static function register( string $prefix, string $base_dir ): void {
		spl_autoload_register(
			static function ( string $class_name ) use ( $prefix, $base_dir ): void {
				if ( ! str_starts_with( $class_name, $prefix ) ) {
					return;
				}
				$relative = substr( $class_name, strlen( $prefix ) );
				$file     = $base_dir . str_replace( '\\', '/', $relative ) . '.php';
				if ( is_readable( $file ) ) {
					require_once $file;
				}
			}
		);
	}
}
