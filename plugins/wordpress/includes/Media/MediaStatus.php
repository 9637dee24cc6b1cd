<?php
/**
 * What Pixport last did to an attachment (shown in the media library's Pixport column).
 *
 * @package Pixport
 */

namespace Pixport\Media;

defined( 'ABSPATH' ) || exit;

final class MediaStatus {
	public const META = '_pixport_status';

	/** @param 'queued'|'processing'|'done'|'failed'|'paused' $state */
	public static function set( int $attachment_id, string $state, array $details = array() ): void {
		update_post_meta( $attachment_id, self::META, array( 'state' => $state, 'at' => time() ) + $details );
	}

	public static function get( int $attachment_id ): ?array {
		$status = get_post_meta( $attachment_id, self::META, true );
		return is_array( $status ) ? $status : null;
	}
}
