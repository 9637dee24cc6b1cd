<?php
/**
 * The plugin's REST routes (`/wp-json/pixport/v1/…`). Browsers call these with a cookie + nonce;
 * PHP calls the hub with the key. Every route checks a capability; per-object routes also check
 * that the user may edit that object.
 *
 * @package Pixport
 */

namespace Pixport\Rest;

defined( 'ABSPATH' ) || exit;

final class Routes {
	public const NAMESPACE = 'pixport/v1';

	public static function register(): void {
		$admin  = static fn (): bool => current_user_can( 'manage_options' );
		$upload = static fn (): bool => current_user_can( 'upload_files' );
		$edit   = static fn ( \WP_REST_Request $request ): bool => current_user_can( 'upload_files' ) && current_user_can( 'edit_post', (int) $request['id'] );
		$id     = array(
			'id' => array(
				'type'     => 'integer',
				'required' => true,
			),
		);

		self::route( '/settings/validate', 'POST', array( SettingsController::class, 'validate' ), $admin );
		self::route( '/settings/validation', 'GET', array( SettingsController::class, 'cached' ), $admin );
		self::route( '/usage', 'GET', array( SettingsController::class, 'usage' ), $admin );

		self::route(
			'/previews',
			'POST',
			array( PreviewController::class, 'create' ),
			static fn ( \WP_REST_Request $request ): bool => current_user_can( 'upload_files' ) && current_user_can( 'edit_post', (int) $request['attachment_id'] ),
			array(
				'attachment_id' => array(
					'type'     => 'integer',
					'required' => true,
				),
				'operation'     => array(
					'type'     => 'string',
					'required' => true,
				),
				'params'        => array(
					'type'    => 'object',
					'default' => array(),
				),
			)
		);
		self::route( '/previews/(?P<token>[0-9a-f]{32})/attachment', 'POST', array( PreviewController::class, 'save' ), $upload );
		self::route( '/previews/(?P<token>[0-9a-f]{32})', 'DELETE', array( PreviewController::class, 'discard' ), $upload );

		self::route( '/media/(?P<id>\d+)/process', 'POST', array( MediaController::class, 'process' ), $edit, $id );
		self::route( '/media/(?P<id>\d+)/compliance', 'POST', array( MediaController::class, 'compliance' ), $edit, $id );

		self::route(
			'/batches',
			'POST',
			array( BatchController::class, 'create' ),
			$upload,
			array(
				'attachment_ids' => array(
					'type'     => 'array',
					'items'    => array( 'type' => 'integer' ),
					'required' => true,
					'minItems' => 1,
					'maxItems' => 500,
				),
			)
		);
		self::route( '/batches', 'GET', array( BatchController::class, 'index' ), $upload );
		self::route( '/batches/(?P<batch>b[0-9a-f]{16})', 'GET', array( BatchController::class, 'show' ), $upload );
		self::route( '/batches/(?P<batch>b[0-9a-f]{16})/resume', 'POST', array( BatchController::class, 'resume' ), $upload );
		self::route( '/batches/(?P<batch>b[0-9a-f]{16})/cancel', 'POST', array( BatchController::class, 'cancel' ), $upload );
		self::route( '/batches/(?P<batch>b[0-9a-f]{16})/dismiss', 'POST', array( BatchController::class, 'dismiss' ), $upload );

		self::route( '/products/(?P<id>\d+)/process', 'POST', array( ProductController::class, 'process' ), $edit, $id );
		self::route( '/products/(?P<id>\d+)/restore', 'POST', array( ProductController::class, 'restore' ), $edit, $id );
	}

	private static function route( string $path, string $method, callable $callback, callable $permission, array $args = array() ): void {
		register_rest_route(
			self::NAMESPACE,
			$path,
			array(
				'methods'             => $method,
				'callback'            => $callback,
				'permission_callback' => $permission,
				'args'                => $args,
			)
		);
	}
}
