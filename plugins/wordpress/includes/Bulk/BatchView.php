<?php
/**
 * A batch as the admin scripts see it: counts, per-item state and links, nothing else.
 *
 * @package Pixport
 */

namespace Pixport\Bulk;

defined( 'ABSPATH' ) || exit;

final class BatchView {
	public static function of( array $batch ): array {
		$counts = array(
			'total'   => count( $batch['items'] ),
			'done'    => 0,
			'failed'  => 0,
			'running' => 0,
			'pending' => 0,
		);
		$items  = array();
		foreach ( $batch['items'] as $item ) {
			$key = match ( $item['state'] ) {
				'done' => 'done',
				'failed' => 'failed',
				'pending' => 'pending',
				default => 'running',
			};
			++$counts[ $key ];
			$items[] = array(
				'attachment_id' => $item['attachment_id'],
				'title'         => (string) get_post_field( 'post_title', $item['attachment_id'], 'raw' ), // Text, not HTML: no `&#215;`.
				'state'         => $item['state'],
				'progress'      => (float) $item['progress'],
				'error'         => $item['error'],
				'result_id'     => $item['result_id'],
				'result_url'    => $item['result_id'] ? (string) wp_get_attachment_url( $item['result_id'] ) : '',
				'edit_url'      => $item['result_id'] ? (string) get_edit_post_link( $item['result_id'], 'raw' ) : '',
			);
		}
		return array(
			'id'           => $batch['id'],
			'status'       => $batch['status'],
			'pause_reason' => $batch['pause_reason'] ?? '',
			'message'      => $batch['message'],
			'operation'    => $batch['operation'],
			'context'      => $batch['context'],
			'retry_at'     => $batch['retry_at'],
			'dismissed'    => ! empty( $batch['dismissed'] ),
			'counts'       => $counts,
			'items'        => $items,
		);
	}
}
