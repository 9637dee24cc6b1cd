<?php
/**
 * Block previews: hub output kept for an hour under uploads/pixport-previews/ with an unguessable
 * name, so the editor can show it before anyone decides to keep it. Tied to the user who made it.
 *
 * @package Pixport
 */

namespace Pixport\Media;

defined( 'ABSPATH' ) || exit;

final class PreviewStore {
	private const TTL  = HOUR_IN_SECONDS;
	private const DIR  = 'pixport-previews';
	private const CRON = 'pixport_purge_previews';

	public static function hook(): void {
		add_action( self::CRON, array( self::class, 'purge' ) );
		add_action(
			'admin_init',
			static function (): void {
				if ( ! wp_next_scheduled( self::CRON ) ) {
					wp_schedule_event( time() + HOUR_IN_SECONDS, 'hourly', self::CRON );
				}
			}
		);
	}

	/** @return array{token:string,url:string} */
	public static function put( string $bytes, string $content_type, array $context ): array {
		$extension = AttachmentFactory::extension_for( $content_type );
		if ( null === $extension ) {
			throw new \RuntimeException( sprintf( 'The hub returned %s, not an image.', $content_type ) );
		}
		$dir = self::dir();
		wp_mkdir_p( $dir['path'] );
		if ( ! file_exists( $dir['path'] . '/index.html' ) ) {
			file_put_contents( $dir['path'] . '/index.html', '' ); // phpcs:ignore WordPress.WP.AlternativeFunctions
		}
		$token = bin2hex( random_bytes( 16 ) );
		$name  = $token . '.' . $extension;
		if ( false === file_put_contents( $dir['path'] . '/' . $name, $bytes ) ) { // phpcs:ignore WordPress.WP.AlternativeFunctions
			throw new \RuntimeException( 'Could not write the preview file.' );
		}
		$record = $context + array(
			'file'         => $name,
			'content_type' => $content_type,
			'user_id'      => get_current_user_id(),
		);
		set_transient( 'pixport_preview_' . $token, $record, self::TTL );
		return array(
			'token' => $token,
			'url'   => $dir['url'] . '/' . $name,
		);
	}

	/** The preview's record and bytes, if it exists and belongs to the current user. */
	public static function get( string $token ): ?array {
		if ( ! preg_match( '/^[0-9a-f]{32}$/', $token ) ) {
			return null;
		}
		$record = get_transient( 'pixport_preview_' . $token );
		if ( ! is_array( $record ) || (int) $record['user_id'] !== get_current_user_id() ) {
			return null;
		}
		$path = self::dir()['path'] . '/' . basename( (string) $record['file'] );
		if ( ! is_readable( $path ) ) {
			return null;
		}
		$record['bytes'] = (string) file_get_contents( $path ); // phpcs:ignore WordPress.WP.AlternativeFunctions
		return $record;
	}

	public static function delete( string $token ): void {
		$record = get_transient( 'pixport_preview_' . $token );
		delete_transient( 'pixport_preview_' . $token );
		if ( is_array( $record ) ) {
			wp_delete_file( self::dir()['path'] . '/' . basename( (string) $record['file'] ) );
		}
	}

	/** Removes preview files older than their record's lifetime. */
	public static function purge(): void {
		$path = self::dir()['path'];
		foreach ( (array) glob( $path . '/*.{jpg,png,webp,avif,gif}', GLOB_BRACE ) as $file ) {
			if ( is_string( $file ) && filemtime( $file ) < time() - self::TTL ) {
				wp_delete_file( $file );
			}
		}
	}

	/** Removes every preview (uninstall). */
	public static function remove_all(): void {
		$path = self::dir()['path'];
		foreach ( (array) glob( $path . '/*' ) as $file ) {
			if ( is_string( $file ) ) {
				wp_delete_file( $file );
			}
		}
		if ( is_dir( $path ) ) {
			rmdir( $path ); // phpcs:ignore WordPress.WP.AlternativeFunctions
		}
		wp_clear_scheduled_hook( self::CRON );
	}

	/** @return array{path:string,url:string} */
	private static function dir(): array {
		$uploads = wp_upload_dir( null, false );
		return array(
			'path' => $uploads['basedir'] . '/' . self::DIR,
			'url'  => $uploads['baseurl'] . '/' . self::DIR,
		);
	}
}
