<?php
/**
 * Media library (list mode): a "Pixport" column, "Process" / "Check compliance" row actions (plain
 * links with a nonce, handled in admin-post.php), a bulk action that starts a batch, and the
 * batches panel that build/admin/media.js keeps up to date.
 *
 * @package Pixport
 */

namespace Pixport\Media;

use Pixport\Admin\Notices;
use Pixport\Bulk\BatchScheduler;
use Pixport\Hub\HubError;
use Pixport\Operations;
use Pixport\Settings\Options;

defined( 'ABSPATH' ) || exit;

final class MediaLibrary {
	private const BULK_ACTION = 'pixport_process';

	public static function hook(): void {
		add_filter( 'manage_media_columns', array( self::class, 'add_column' ) );
		add_action( 'manage_media_custom_column', array( self::class, 'render_column' ), 10, 2 );
		add_filter( 'media_row_actions', array( self::class, 'row_actions' ), 10, 2 );
		add_filter( 'bulk_actions-upload', array( self::class, 'bulk_actions' ) );
		add_filter( 'handle_bulk_actions-upload', array( self::class, 'handle_bulk' ), 10, 3 );
		add_action( 'admin_post_pixport_process', array( self::class, 'handle_process' ) );
		add_action( 'admin_post_pixport_compliance', array( self::class, 'handle_compliance' ) );
		add_action( 'admin_notices', array( self::class, 'render_batches_panel' ) );
	}

	public static function add_column( array $columns ): array {
		$columns['pixport'] = __( 'Pixport', 'pixport' );
		return $columns;
	}

	public static function render_column( string $column, int $post_id ): void {
		if ( 'pixport' !== $column ) {
			return;
		}
		echo '<div class="pixport-column" data-attachment-id="' . esc_attr( (string) $post_id ) . '">';
		$source = (int) get_post_meta( $post_id, '_pixport_source', true );
		if ( $source ) {
			printf(
				'<span class="pixport-result">%s</span>',
				/* translators: 1: original id, 2: operation */
				esc_html( sprintf( __( 'Result of #%1$d (%2$s)', 'pixport' ), $source, (string) get_post_meta( $post_id, '_pixport_operation', true ) ) )
			);
		}
		$status = MediaStatus::get( $post_id );
		if ( $status ) {
			$label = self::state_label( $status['state'] );
			printf( '<span class="pixport-state pixport-state-%1$s">%2$s</span>', esc_attr( $status['state'] ), esc_html( $label ) );
			if ( ! empty( $status['result_id'] ) && get_post( (int) $status['result_id'] ) ) {
				printf( ' <a href="%1$s">#%2$d</a>', esc_url( (string) get_edit_post_link( (int) $status['result_id'] ) ), (int) $status['result_id'] );
			}
			if ( ! empty( $status['message'] ) ) {
				printf( '<br><small>%s</small>', esc_html( $status['message'] ) );
			}
		}
		$compliance = get_post_meta( $post_id, '_pixport_compliance', true );
		if ( is_array( $compliance ) ) {
			foreach ( (array) $compliance['marketplaces'] as $verdict ) {
				printf(
					'<br><span class="pixport-badge pixport-badge-%1$s" title="%3$s">%2$s</span>',
					$verdict['passed'] ? 'pass' : 'fail',
					/* translators: 1: marketplace, 2: passes or fails */
					esc_html( sprintf( __( '%1$s: %2$s', 'pixport' ), Operations::marketplace_label( (string) $verdict['marketplace'] ), $verdict['passed'] ? __( 'compliant', 'pixport' ) : __( 'not compliant', 'pixport' ) ) ),
					esc_attr( implode( ' ', $verdict['failed'] ) )
				);
				if ( ! $verdict['passed'] && $verdict['failed'] ) { // The reasons in the column, not only in a tooltip.
					echo '<ul class="pixport-reasons">';
					foreach ( (array) $verdict['failed'] as $reason ) {
						echo '<li>' . esc_html( (string) $reason ) . '</li>';
					}
					echo '</ul>';
				}
			}
		}
		echo '</div>';
	}

	private static function state_label( string $state ): string {
		$labels = array(
			'queued'     => __( 'Queued', 'pixport' ),
			'processing' => __( 'Processing', 'pixport' ),
			'done'       => __( 'Processed', 'pixport' ),
			'failed'     => __( 'Failed', 'pixport' ),
			'paused'     => __( 'Paused (out of credits)', 'pixport' ),
		);
		return $labels[ $state ] ?? $state;
	}

	public static function row_actions( array $actions, \WP_Post $post ): array {
		if ( ! wp_attachment_is_image( $post->ID ) || ! current_user_can( 'edit_post', $post->ID ) || ! Options::is_configured() ) {
			return $actions;
		}
		foreach ( array(
			'pixport_process'    => __( 'Process', 'pixport' ),
			'pixport_compliance' => __( 'Check compliance', 'pixport' ),
		) as $action => $label ) {
			$url                = wp_nonce_url( admin_url( 'admin-post.php?action=' . $action . '&attachment_id=' . $post->ID ), $action . '_' . $post->ID );
			$actions[ $action ] = '<a href="' . esc_url( $url ) . '">' . esc_html( $label ) . '</a>';
		}
		return $actions;
	}

	public static function handle_process(): void {
		$id = self::guarded_request( 'pixport_process' );
		try {
			$result = ImageProcessor::from_settings()->run_to_attachment( $id, Options::default_operation(), array() );
			/* translators: 1: new attachment id, 2: original id */
			Notices::add( 'success', sprintf( __( 'Saved the processed image as #%1$d; #%2$d is unchanged.', 'pixport' ), $result, $id ) );
		} catch ( HubError $error ) {
			MediaStatus::set( $id, 'failed', array( 'message' => $error->user_message() ) );
			Notices::add( 'error', $error->user_message() );
		} catch ( \Throwable $error ) {
			Notices::add( 'error', $error->getMessage() );
		}
		self::back();
	}

	public static function handle_compliance(): void {
		$id = self::guarded_request( 'pixport_compliance' );
		try {
			$verdict = ImageProcessor::from_settings()->check_compliance( $id, array( Options::default_preset() ) );
			$message = $verdict['passed']
				/* translators: %d: attachment id */
				? sprintf( __( 'Image #%d is compliant.', 'pixport' ), $id )
				/* translators: %d: attachment id */
				: sprintf( __( 'Image #%d is not compliant; see the Pixport column.', 'pixport' ), $id );
			Notices::add( $verdict['passed'] ? 'success' : 'warning', $message );
		} catch ( HubError $error ) {
			Notices::add( 'error', $error->user_message() );
		} catch ( \Throwable $error ) {
			Notices::add( 'error', $error->getMessage() );
		}
		self::back();
	}

	/** Checks the nonce and the capability; dies with 403 otherwise. */
	private static function guarded_request( string $action ): int {
		$id = isset( $_GET['attachment_id'] ) ? absint( $_GET['attachment_id'] ) : 0; // phpcs:ignore WordPress.Security.NonceVerification
		check_admin_referer( $action . '_' . $id );
		if ( ! current_user_can( 'upload_files' ) || ! current_user_can( 'edit_post', $id ) ) {
			wp_die( esc_html__( 'Sorry, you are not allowed to process this image.', 'pixport' ), 403 );
		}
		if ( ! ImageProcessor::is_image( $id ) ) {
			wp_die( esc_html__( 'That is not an image in the media library.', 'pixport' ), 404 );
		}
		return $id;
	}

	private static function back(): void {
		wp_safe_redirect( admin_url( 'upload.php?mode=list' ) );
		exit;
	}

	public static function bulk_actions( array $actions ): array {
		if ( Options::is_configured() ) {
			$actions[ self::BULK_ACTION ] = __( 'Process with Pixport', 'pixport' );
		}
		return $actions;
	}

	/** WordPress has checked the bulk-action nonce and `upload_files` before calling this. */
	public static function handle_bulk( string $redirect, string $action, array $ids ): string {
		if ( self::BULK_ACTION !== $action ) {
			return $redirect;
		}
		$images = array_values( array_filter( array_map( 'intval', $ids ), static fn ( int $id ): bool => ImageProcessor::is_image( $id ) && current_user_can( 'edit_post', $id ) ) );
		if ( ! $images ) {
			Notices::add( 'warning', __( 'Select at least one image to process.', 'pixport' ) );
			return $redirect;
		}
		$operation = Options::default_operation();
		$params    = Operations::sanitize_params( $operation, Operations::defaults( $operation, Options::default_preset() ) );
		$batch     = BatchScheduler::start( $images, $operation, $params, array( 'type' => 'media' ) );
		return add_query_arg( 'pixport_batch', $batch['id'], remove_query_arg( 'pixport_batch', $redirect ) );
	}

	/** The container media.js fills with every active or recently finished batch. */
	public static function render_batches_panel(): void {
		$screen = get_current_screen();
		if ( ! $screen || 'upload' !== $screen->id || ! current_user_can( 'upload_files' ) ) {
			return;
		}
		echo '<div id="pixport-batches" class="pixport-batches" aria-live="polite"></div>';
	}
}
