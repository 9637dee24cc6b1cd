<?php
/**
 * Bulk batches kept in WordPress (one non-autoloaded option each, plus an index), so progress
 * survives a closed tab, and a per-batch lock so the cron tick and a polling tab never advance the
 * same batch at once.
 *
 * @package Pixport
 */

namespace Pixport\Bulk;

defined( 'ABSPATH' ) || exit;

final class BatchStore {
	private const INDEX     = 'pixport_batch_index';
	private const PREFIX    = 'pixport_batch_';
	private const KEEP      = 30;
	private const LOCK_TTL  = 90;
	public const TERMINAL   = array( 'done', 'canceled' );
	public const ITEM_FINAL = array( 'done', 'failed' );

	/**
	 * @param int[]  $attachment_ids Images to process.
	 * @param array  $context        `['type' => 'media']` or `['type' => 'product', 'product_id' => …]`.
	 */
	public static function create( array $attachment_ids, string $operation, array $params, array $context ): array {
		$items = array();
		foreach ( array_values( array_unique( array_map( 'intval', $attachment_ids ) ) ) as $id ) {
			$items[] = array(
				'attachment_id'   => $id,
				'state'           => 'pending',
				'task_id'         => '',
				'idempotency_key' => '',
				'progress'        => 0,
				'attempts'        => 0,
				'result_id'       => 0,
				'error'           => '',
			);
		}
		$batch = array(
			'id'          => 'b' . bin2hex( random_bytes( 8 ) ),
			'user_id'     => get_current_user_id(),
			'operation'   => $operation,
			'params'      => $params,
			'context'     => $context,
			'status'      => 'running',
			'message'     => '',
			'retry_at'    => 0,
			'items'       => $items,
			'created_at'  => time(),
			'updated_at'  => time(),
			'finished_at' => 0,
		);
		add_option( self::PREFIX . $batch['id'], $batch, '', false );
		$index = self::ids();
		array_unshift( $index, $batch['id'] );
		self::prune( $index );
		return $batch;
	}

	public static function get( string $id ): ?array {
		if ( ! preg_match( '/^b[0-9a-f]{16}$/', $id ) ) {
			return null;
		}
		wp_cache_delete( self::PREFIX . $id, 'options' );
		$batch = get_option( self::PREFIX . $id, null );
		return is_array( $batch ) ? $batch : null;
	}

	public static function save( array $batch ): void {
		$batch['updated_at'] = time();
		update_option( self::PREFIX . $batch['id'], $batch, false );
	}

	/** @return string[] Newest first. */
	public static function ids(): array {
		wp_cache_delete( self::INDEX, 'options' );
		$ids = get_option( self::INDEX, array() );
		return is_array( $ids ) ? array_values( array_filter( $ids, 'is_string' ) ) : array();
	}

	/** @return array[] Batches still running or paused. */
	public static function active(): array {
		$active = array();
		foreach ( self::ids() as $id ) {
			$batch = self::get( $id );
			if ( $batch && ! in_array( $batch['status'], self::TERMINAL, true ) ) {
				$active[] = $batch;
			}
		}
		return $active;
	}

	/** Runs $work on the batch while holding its lock; null when another process holds it. */
	public static function with_lock( string $id, callable $work ) {
		$lock = self::PREFIX . 'lock_' . $id;
		if ( ! add_option( $lock, time() + self::LOCK_TTL, '', false ) ) {
			wp_cache_delete( $lock, 'options' );
			$expires = (int) get_option( $lock, 0 );
			if ( $expires > time() ) {
				return null;
			}
			delete_option( $lock );
			if ( ! add_option( $lock, time() + self::LOCK_TTL, '', false ) ) {
				return null;
			}
		}
		try {
			$batch = self::get( $id );
			return $batch ? $work( $batch ) : null;
		} finally {
			delete_option( $lock );
		}
	}

	/** Removes every batch (uninstall). */
	public static function remove_all(): void {
		foreach ( self::ids() as $id ) {
			delete_option( self::PREFIX . $id );
			delete_option( self::PREFIX . 'lock_' . $id );
		}
		delete_option( self::INDEX );
	}

	/** Keeps the newest batches; finished ones past the limit are forgotten. */
	private static function prune( array $index ): void {
		$kept = array();
		foreach ( $index as $position => $id ) {
			$batch = $position < self::KEEP ? null : self::get( $id );
			if ( $position >= self::KEEP && $batch && in_array( $batch['status'], self::TERMINAL, true ) ) {
				delete_option( self::PREFIX . $id );
				continue;
			}
			$kept[] = $id;
		}
		update_option( self::INDEX, $kept, false );
	}
}
