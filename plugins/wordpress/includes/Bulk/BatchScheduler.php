<?php
/**
 * Keeps batches moving without a browser: a WP-Cron event every minute while any batch is active.
 * (A site without visitors needs a real cron calling wp-cron.php; see docs.)
 *
 * @package Pixport
 */

namespace Pixport\Bulk;

defined( 'ABSPATH' ) || exit;

final class BatchScheduler {
	public const HOOK     = 'pixport_batches_tick';
	private const INTERVAL = 'pixport_every_minute';

	public static function hook(): void {
		add_filter( 'cron_schedules', array( self::class, 'add_interval' ) ); // phpcs:ignore WordPress.WP.CronInterval
		add_action( self::HOOK, array( self::class, 'tick_all' ) );
	}

	public static function add_interval( array $schedules ): array {
		$schedules[ self::INTERVAL ] = array(
			'interval' => MINUTE_IN_SECONDS,
			'display'  => __( 'Every minute (Pixport bulk processing)', 'pixport' ),
		);
		return $schedules;
	}

	public static function ensure_scheduled(): void {
		if ( ! wp_next_scheduled( self::HOOK ) ) {
			wp_schedule_event( time(), self::INTERVAL, self::HOOK );
		}
	}

	public static function unschedule(): void {
		wp_clear_scheduled_hook( self::HOOK );
		wp_clear_scheduled_hook( self::HOOK, array( 'soon' ) );
	}

	/**
	 * Advances every active batch. While some are still running, a one-off event 10 s later keeps them
	 * moving faster than the minute schedule whenever WP-Cron is triggered; with none left, both stop.
	 */
	public static function tick_all(): void {
		foreach ( BatchStore::active() as $batch ) {
			BatchRunner::advance( $batch['id'] );
		}
		$running = array_filter( BatchStore::active(), static fn ( array $batch ): bool => 'running' === $batch['status'] );
		if ( $running ) {
			wp_schedule_single_event( time() + 10, self::HOOK, array( 'soon' ) );
		}
		if ( ! BatchStore::active() ) {
			self::unschedule();
		}
	}

	/** Creates a batch and starts it now (the first submissions happen in this request). */
	public static function start( array $attachment_ids, string $operation, array $params, array $context ): array {
		$batch = BatchStore::create( $attachment_ids, $operation, $params, $context );
		self::ensure_scheduled();
		return BatchRunner::advance( $batch['id'] ) ?? $batch;
	}
}
