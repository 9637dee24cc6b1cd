<?php
/**
 * Bulk batches: start, list, show (which also advances it one step), resume after a pause, cancel.
 * A user sees their own batches; administrators see every batch.
 *
 * @package Pixport
 */

namespace Pixport\Rest;

use Pixport\Bulk\BatchRunner;
use Pixport\Bulk\BatchScheduler;
use Pixport\Bulk\BatchStore;
use Pixport\Bulk\BatchView;
use Pixport\Media\ImageProcessor;
use Pixport\Operations;
use Pixport\Settings\Options;

defined( 'ABSPATH' ) || exit;

final class BatchController {
	public static function create( \WP_REST_Request $request ): \WP_REST_Response|\WP_Error {
		if ( ! Options::is_configured() ) {
			return Failure::not_configured();
		}
		$ids = array_map( 'intval', (array) $request['attachment_ids'] );
		foreach ( $ids as $id ) {
			if ( ! ImageProcessor::is_image( $id ) ) {
				/* translators: %d: attachment id */
				return Failure::not_found( sprintf( __( 'Image #%d', 'pixport' ), $id ) );
			}
			if ( ! current_user_can( 'edit_post', $id ) ) {
				return new \WP_Error( 'rest_forbidden', __( 'Sorry, you are not allowed to do that.', 'pixport' ), array( 'status' => rest_authorization_required_code() ) );
			}
		}
		try {
			$prepared = self::operation( $request );
		} catch ( \InvalidArgumentException $error ) {
			return Failure::of( $error );
		}
		$batch = BatchScheduler::start( $ids, $prepared[0], $prepared[1], array( 'type' => 'media' ) );
		return new \WP_REST_Response( BatchView::of( $batch ), 201 );
	}

	/** @return array{0:string,1:array<string,string>} Operation and sanitized params. */
	public static function operation( \WP_REST_Request $request ): array {
		$operation = (string) ( $request['operation'] ?? Options::default_operation() );
		if ( ! Operations::exists( $operation ) ) {
			throw new \InvalidArgumentException( __( 'Unknown operation.', 'pixport' ) );
		}
		$params = (array) ( $request['params'] ?? array() ) + Operations::defaults( $operation, Options::default_preset() );
		return array( $operation, Operations::sanitize_params( $operation, $params ) );
	}

	public static function index(): \WP_REST_Response {
		$views = array();
		foreach ( BatchStore::ids() as $id ) {
			$batch = BatchStore::get( $id );
			if ( $batch && self::visible( $batch ) && empty( $batch['dismissed'] ) && ( ! in_array( $batch['status'], BatchStore::TERMINAL, true ) || $batch['finished_at'] > time() - DAY_IN_SECONDS ) ) {
				$views[] = BatchView::of( $batch );
			}
		}
		return rest_ensure_response( $views );
	}

	public static function show( \WP_REST_Request $request ): \WP_REST_Response|\WP_Error {
		$batch = self::find( $request );
		if ( $batch instanceof \WP_Error ) {
			return $batch;
		}
		return rest_ensure_response( BatchView::of( BatchRunner::advance( $batch['id'] ) ?? $batch ) );
	}

	public static function resume( \WP_REST_Request $request ): \WP_REST_Response|\WP_Error {
		$batch = self::find( $request );
		if ( $batch instanceof \WP_Error ) {
			return $batch;
		}
		BatchScheduler::ensure_scheduled();
		return rest_ensure_response( BatchView::of( BatchRunner::resume( $batch['id'] ) ?? $batch ) );
	}

	public static function cancel( \WP_REST_Request $request ): \WP_REST_Response|\WP_Error {
		$batch = self::find( $request );
		if ( $batch instanceof \WP_Error ) {
			return $batch;
		}
		return rest_ensure_response( BatchView::of( BatchRunner::cancel( $batch['id'] ) ?? $batch ) );
	}

	/** Hides a finished batch's panel for good (its images and results stay). */
	public static function dismiss( \WP_REST_Request $request ): \WP_REST_Response|\WP_Error {
		$batch = self::find( $request );
		if ( $batch instanceof \WP_Error ) {
			return $batch;
		}
		if ( ! in_array( $batch['status'], BatchStore::TERMINAL, true ) ) {
			return new \WP_Error( 'pixport_batch_active', __( 'A batch still running or paused cannot be dismissed; cancel it first.', 'pixport' ), array( 'status' => 409 ) );
		}
		$done = BatchStore::with_lock(
			$batch['id'],
			static function ( array $locked ): array {
				$locked['dismissed'] = true;
				BatchStore::save( $locked );
				return $locked;
			}
		);
		return rest_ensure_response( BatchView::of( $done ?? $batch ) );
	}

	private static function find( \WP_REST_Request $request ): array|\WP_Error {
		$batch = BatchStore::get( (string) $request['batch'] );
		return $batch && self::visible( $batch ) ? $batch : Failure::not_found( __( 'Batch', 'pixport' ) );
	}

	private static function visible( array $batch ): bool {
		return (int) $batch['user_id'] === get_current_user_id() || current_user_can( 'manage_options' );
	}
}
