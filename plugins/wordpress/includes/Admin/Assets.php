<?php
/**
 * Loads the admin scripts built from src/admin/ on the screens that use them.
 *
 * @package Pixport
 */

namespace Pixport\Admin;

use Pixport\Operations;
use Pixport\Plugin;
use Pixport\Settings\Options;

defined( 'ABSPATH' ) || exit;

final class Assets {
	public static function enqueue( string $hook ): void {
		$screen = get_current_screen();
		if ( 'settings_page_' . SettingsPage::SLUG === $hook ) {
			self::script( 'settings' );
		} elseif ( 'upload.php' === $hook ) {
			self::script( 'media' );
		} elseif ( $screen && 'product' === $screen->post_type && 'post' === $screen->base && class_exists( 'WooCommerce' ) ) {
			self::script( 'product' );
		}
	}

	/** Settings the scripts need; never the key. */
	public static function settings_script(): string {
		return 'window.pixportSettings = ' . wp_json_encode(
			array(
				'configured'       => Options::is_configured(),
				'defaultOperation' => Options::default_operation(),
				'defaultPreset'    => Options::default_preset(),
				'operations'       => Operations::labels(),
				'marketplaces'     => Operations::marketplaces(),
				'settingsUrl'      => admin_url( 'options-general.php?page=' . SettingsPage::SLUG ),
			)
		) . ';';
	}

	private static function script( string $name ): void {
		$asset_file = Plugin::path( "build/admin/{$name}.asset.php" );
		if ( ! is_readable( $asset_file ) ) {
			return;
		}
		$asset  = require $asset_file;
		$handle = 'pixport-admin-' . $name;
		wp_enqueue_script( $handle, Plugin::url( "build/admin/{$name}.js" ), $asset['dependencies'], $asset['version'], true );
		wp_add_inline_script( $handle, self::settings_script(), 'before' );
		if ( is_readable( Plugin::path( "build/admin/{$name}.css" ) ) ) {
			wp_enqueue_style( $handle, Plugin::url( "build/admin/{$name}.css" ), array(), $asset['version'] );
		}
	}
}
