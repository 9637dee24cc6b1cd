<?php
/**
 * Admin notices that survive a redirect: queued per user, shown once on the next admin page.
 *
 * @package Pixport
 */

namespace Pixport\Admin;

defined( 'ABSPATH' ) || exit;

final class Notices {
	private const META = 'pixport_notices';

	/** @param 'error'|'warning'|'success'|'info' $type */
	public static function add( string $type, string $message, ?int $user_id = null ): void {
		$user_id = $user_id ?? get_current_user_id();
		if ( ! $user_id ) {
			return;
		}
		$queue   = self::queue( $user_id );
		$queue[] = array(
			'type'    => $type,
			'message' => $message,
		);
		update_user_meta( $user_id, self::META, array_slice( $queue, -10 ) );
	}

	public static function render(): void {
		$user_id = get_current_user_id();
		$queue   = $user_id ? self::queue( $user_id ) : array();
		if ( ! $queue ) {
			return;
		}
		delete_user_meta( $user_id, self::META );
		foreach ( $queue as $notice ) {
			printf(
				'<div class="notice notice-%1$s is-dismissible pixport-notice"><p><strong>Pixport:</strong> %2$s</p></div>',
				esc_attr( $notice['type'] ),
				esc_html( $notice['message'] )
			);
		}
	}

	private static function queue( int $user_id ): array {
		$queue = get_user_meta( $user_id, self::META, true );
		return is_array( $queue ) ? $queue : array();
	}
}
