<?php
/**
 * Advances a batch one step: polls the hub for tasks in flight, turns finished ones into new
 * attachments, submits more pending images. Pauses the whole batch on 402 (out of credits) or a
 * refused key, backs off on 429 / 5xx / timeouts, and never blocks for long (a tick is bounded).
 *
 * @package Pixport
 */

namespace Pixport\Bulk;

use Pixport\Hub\HubClient;
use Pixport\Hub\HubError;
use Pixport\Media\AttachmentFactory;
use Pixport\Media\ImageProcessor;
use Pixport\Media\MediaStatus;
use Pixport\Settings\ValidationCache;
use Pixport\Usage\UsageReporter;
use Pixport\Woo\ProductImages;

defined( 'ABSPATH' ) || exit;

final class BatchRunner {
	private const MAX_IN_FLIGHT    = 4;
	private const TICK_SECONDS     = 20;
	private const TRANSIENT_BACKOFF = 30;

	private float $deadline;
	/** @var array<string,int> */
	private array $processed = array();

	public function __construct( private HubClient $hub ) {}

	/** Advances the batch if nobody else is; returns it as it now is. */
	public static function advance( string $id, ?HubClient $hub = null ): ?array {
		$runner = new self( $hub ?? HubClient::from_settings() );
		$result = BatchStore::with_lock( $id, array( $runner, 'tick' ) );
		return $result ?? BatchStore::get( $id );
	}

	public function tick( array $batch ): array {
		if ( in_array( $batch['status'], BatchStore::TERMINAL, true ) ) {
			return $batch;
		}
		$running = 'running' === $batch['status'];
		if ( $running && $batch['retry_at'] > time() ) {
			return $batch;
		}
		$this->deadline = microtime( true ) + self::TICK_SECONDS;
		if ( $running ) {
			$batch['message'] = '';
		}
		// poll() and submit() update $batch in place, so whatever they did before a hub error stops
		// them (a task created, a result saved) is kept and saved below.
		try {
			$this->poll( $batch ); // Also while paused: tasks already at the hub are collected, not lost.
			if ( $running ) {
				$this->submit( $batch );
			}
		} catch ( HubError $error ) {
			if ( $running ) {
				$batch = $this->on_batch_error( $batch, $error );
			} else {
				ValidationCache::note_refusal( $error ); // Paused already: collect again on a later tick.
			}
		}
		if ( $this->processed ) {
			UsageReporter::report( $this->hub, $this->processed );
		}
		$batch = $this->maybe_finish( $batch );
		BatchStore::save( $batch );
		return $batch;
	}

	private function poll( array &$batch ): void {
		$in_flight = array();
		foreach ( $batch['items'] as $index => $item ) {
			if ( in_array( $item['state'], array( 'submitted', 'processing' ), true ) ) {
				$in_flight[ $item['task_id'] ] = $index;
			}
		}
		if ( ! $in_flight ) {
			return;
		}
		$tasks = $this->hub->jobs( array_keys( $in_flight ) );
		foreach ( $in_flight as $task_id => $index ) {
			if ( microtime( true ) > $this->deadline ) {
				break;
			}
			$task = $tasks[ $task_id ] ?? null;
			if ( null === $task ) {
				$batch['items'][ $index ] = $this->fail( $batch['items'][ $index ], __( 'The hub no longer knows this task.', 'pixport' ) );
				continue;
			}
			$batch['items'][ $index ] = $this->apply_task( $batch, $batch['items'][ $index ], $task );
		}
	}

	private function apply_task( array $batch, array $item, array $task ): array {
		$status = (string) ( $task['status'] ?? '' );
		if ( isset( $task['progress'] ) && is_numeric( $task['progress'] ) ) {
			$progress         = (float) $task['progress'];
			$item['progress'] = $progress > 1 ? $progress / 100 : $progress;
		}
		switch ( $status ) {
			case 'queued':
				return $item;
			case 'processing':
				$item['state'] = 'processing';
				MediaStatus::set( $item['attachment_id'], 'processing', array( 'batch' => $batch['id'] ) );
				return $item;
			case 'succeeded':
				return $this->collect( $batch, $item, $task );
			default:
				$error = is_array( $task['error'] ?? null ) ? (string) ( $task['error']['message'] ?? $task['error']['code'] ?? '' ) : '';
				/* translators: 1: task status, 2: hub message */
				return $this->fail( $item, trim( sprintf( __( 'The hub task ended %1$s. %2$s', 'pixport' ), $status, $error ) ) );
		}
	}

	/** Downloads a finished task's output and keeps it as a new attachment. */
	private function collect( array $batch, array $item, array $task ): array {
		$result_url = is_string( $task['result_url'] ?? null ) ? $task['result_url'] : '';
		try {
			$result = '' !== $result_url ? $this->hub->download( $result_url ) : $this->hub->job_result( $item['task_id'] );
		} catch ( HubError $error ) {
			if ( $error->is_transient() || $error->is_key_problem() || $error->is_out_of_credits() ) {
				throw $error; // Try again on a later tick (or pause).
			}
			return $this->fail( $item, $error->user_message() ); // Gone (404/410) or refused: this image only.
		}
		try {
			$item['result_id'] = AttachmentFactory::create( $result['bytes'], $result['content_type'], $item['attachment_id'], $batch['operation'], (int) ( $batch['user_id'] ?? 0 ) );
		} catch ( \RuntimeException $error ) {
			return $this->fail( $item, $error->getMessage() );
		}
		$item['state']    = 'done';
		$item['progress'] = 1;
		$item['error']    = '';
		MediaStatus::set( $item['attachment_id'], 'done', array( 'result_id' => $item['result_id'], 'batch' => $batch['id'] ) );
		$this->processed[ $batch['operation'] ] = ( $this->processed[ $batch['operation'] ] ?? 0 ) + 1;
		return $item;
	}

	/**
	 * Sends pending images as hub tasks. Each submit is first recorded (state `submitting` with its
	 * Idempotency-Key) and its task id saved as soon as the hub answers, so a pause, a timeout or a
	 * crash between the two never makes a second task: the next try sends the same key and the hub
	 * replays the first answer instead of charging again. Uncertain submits are retried first.
	 */
	private function submit( array &$batch ): void {
		$in_flight = count( array_filter( $batch['items'], static fn ( $item ) => in_array( $item['state'], array( 'submitted', 'processing' ), true ) ) );
		$order     = array_merge(
			array_keys( array_filter( $batch['items'], static fn ( $item ) => 'submitting' === $item['state'] ) ),
			array_keys( array_filter( $batch['items'], static fn ( $item ) => 'pending' === $item['state'] ) )
		);
		foreach ( $order as $index ) {
			if ( $in_flight >= self::MAX_IN_FLIGHT || microtime( true ) > $this->deadline ) {
				break;
			}
			$item = $batch['items'][ $index ];
			if ( ! ImageProcessor::is_image( $item['attachment_id'] ) ) {
				$batch['items'][ $index ] = $this->fail( $item, __( 'Not an image in the media library.', 'pixport' ) );
				continue;
			}
			if ( 'pending' === $item['state'] || empty( $item['idempotency_key'] ) ) {
				$item['idempotency_key'] = self::idempotency_key( $batch['id'] );
				$item['state']           = 'submitting';
				$item['attempts']        = (int) ( $item['attempts'] ?? 0 ) + 1;
				$batch['items'][ $index ] = $item;
				BatchStore::save( $batch ); // The intent is on record before the hub can charge.
			}
			try {
				$task = $this->hub->submit_job( $batch['operation'], ImageProcessor::source_file( $item['attachment_id'] ), $batch['params'], $item['idempotency_key'] );
			} catch ( HubError $error ) {
				if ( $error->is_out_of_credits() || $error->is_key_problem() ) {
					// Refused before any work: no task exists, the image waits for the resume.
					$item['state']            = 'pending';
					$item['idempotency_key']  = '';
					$batch['items'][ $index ] = $item;
					throw $error;
				}
				if ( $error->is_transient() || 'idempotency_key_in_use' === $error->error_code ) {
					throw $error; // Maybe created at the hub: stays `submitting`, retried with the same key.
				}
				$batch['items'][ $index ] = $this->fail( $item, $error->user_message() );
				continue;
			}
			$item['task_id']          = (string) ( $task['id'] ?? '' );
			$item['state']            = '' !== $item['task_id'] ? 'submitted' : 'failed';
			$item['error']            = '' !== $item['task_id'] ? '' : __( 'The hub did not return a task id.', 'pixport' );
			$batch['items'][ $index ] = $item;
			BatchStore::save( $batch ); // The task is on record before anything else happens.
			MediaStatus::set( $item['attachment_id'], 'queued', array( 'batch' => $batch['id'] ) );
			++$in_flight;
		}
	}

	/** A key the hub keeps for 24 h: one per submit, reused only to retry that same submit. */
	public static function idempotency_key( string $batch_id ): string {
		return 'pixport-wp-' . $batch_id . '-' . bin2hex( random_bytes( 12 ) );
	}

	private function on_batch_error( array $batch, HubError $error ): array {
		ValidationCache::note_refusal( $error );
		$batch['message'] = $error->user_message();
		if ( $error->is_out_of_credits() || $error->is_key_problem() ) {
			$batch['status']       = 'paused';
			$batch['pause_reason'] = $error->is_out_of_credits() ? 'out_of_credits' : 'api_key';
			foreach ( $batch['items'] as $item ) {
				if ( 'pending' === $item['state'] ) {
					MediaStatus::set( $item['attachment_id'], 'paused', array( 'batch' => $batch['id'] ) );
				}
			}
			return $batch;
		}
		$wait              = $error->is_rate_limited() && $error->retry_after ? $error->retry_after : self::TRANSIENT_BACKOFF;
		$batch['retry_at'] = time() + max( 1, $wait );
		return $batch;
	}

	private function fail( array $item, string $message ): array {
		$item['state'] = 'failed';
		$item['error'] = $message;
		MediaStatus::set( $item['attachment_id'], 'failed', array( 'message' => $message ) );
		return $item;
	}

	private function maybe_finish( array $batch ): array {
		foreach ( $batch['items'] as $item ) {
			if ( ! in_array( $item['state'], BatchStore::ITEM_FINAL, true ) ) {
				return $batch;
			}
		}
		if ( 'running' !== $batch['status'] ) {
			return $batch;
		}
		$batch['status']      = 'done';
		$batch['finished_at'] = time();
		if ( 'product' === ( $batch['context']['type'] ?? '' ) ) {
			$batch['message'] = ProductImages::apply_batch( $batch );
		}
		return $batch;
	}

	/** Resumes a paused batch (after credits were added or the key was fixed). */
	public static function resume( string $id ): ?array {
		BatchStore::with_lock(
			$id,
			static function ( array $batch ): void {
				if ( 'paused' === $batch['status'] ) {
					$batch['status']   = 'running';
					$batch['retry_at'] = 0;
					$batch['message']  = '';
					unset( $batch['pause_reason'] );
					BatchStore::save( $batch );
				}
			}
		);
		return self::advance( $id );
	}

	/** Cancels a batch: pending images are not sent; tasks already at the hub finish there unused. */
	public static function cancel( string $id ): ?array {
		BatchStore::with_lock(
			$id,
			static function ( array $batch ): void {
				if ( in_array( $batch['status'], BatchStore::TERMINAL, true ) ) {
					return;
				}
				foreach ( $batch['items'] as $index => $item ) {
					if ( ! in_array( $item['state'], BatchStore::ITEM_FINAL, true ) ) {
						$batch['items'][ $index ]['state'] = 'failed';
						$batch['items'][ $index ]['error'] = __( 'Canceled.', 'pixport' );
						delete_post_meta( $item['attachment_id'], MediaStatus::META );
					}
				}
				$batch['status']      = 'canceled';
				$batch['finished_at'] = time();
				BatchStore::save( $batch );
			}
		);
		return BatchStore::get( $id );
	}
}
