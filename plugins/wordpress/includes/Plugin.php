<?php
/**
 * Wires the plugin's parts to WordPress hooks. Nothing runs at include time.
 *
 * @package Pixport
 */

namespace Pixport;

use Pixport\Admin\Assets;
use Pixport\Admin\Notices;
use Pixport\Admin\SettingsPage;
use Pixport\Bulk\BatchScheduler;
use Pixport\Media\MediaLibrary;
use Pixport\Media\PreviewStore;
use Pixport\Rest\Routes;
use Pixport\Woo\ProductMetaBox;

defined( 'ABSPATH' ) || exit;

final class Plugin {
	private static bool $booted = false;

	public static function boot( string $main_file ): void {
		if ( self::$booted ) {
			return;
		}
		self::$booted = true;

		add_action( 'init', array( self::class, 'register_block' ) );
		add_action( 'rest_api_init', array( Routes::class, 'register' ) );
		add_action( 'admin_init', array( SettingsPage::class, 'register_setting' ) );
		add_action( 'admin_init', array( Settings\Options::class, 'seal_plain_key' ), 20 );
		add_action( 'admin_menu', array( SettingsPage::class, 'add_menu' ) );
		add_action( 'admin_notices', array( Notices::class, 'render' ) );
		add_action( 'admin_enqueue_scripts', array( Assets::class, 'enqueue' ) );
		MediaLibrary::hook();
		BatchScheduler::hook();
		PreviewStore::hook();
		add_action(
			'plugins_loaded',
			static function (): void {
				if ( class_exists( 'WooCommerce' ) ) {
					ProductMetaBox::hook();
				}
			}
		);
		register_deactivation_hook( $main_file, array( BatchScheduler::class, 'unschedule' ) );
		add_filter( 'plugin_action_links_' . plugin_basename( $main_file ), array( SettingsPage::class, 'action_links' ) );
	}

	public static function register_block(): void {
		$block = register_block_type( plugin_dir_path( PIXPORT_FILE ) . 'build/blocks/product-image' );
		if ( $block && ! empty( $block->editor_script_handles ) ) {
			wp_add_inline_script( $block->editor_script_handles[0], Admin\Assets::settings_script(), 'before' );
		}
	}

	public static function url( string $relative ): string {
		return plugins_url( $relative, PIXPORT_FILE );
	}

	public static function path( string $relative ): string {
		return plugin_dir_path( PIXPORT_FILE ) . $relative;
	}
}
