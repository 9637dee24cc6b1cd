<?php
/**
 * Plugin Name:       Pixport
 * Plugin URI:        https://github.com/pixport/pixport
 * Description:       Make product images marketplace-ready with a Pixport hub: a product-image block, media-library and WooCommerce actions.
 * Version:           0.1.0
 * Requires at least: 6.6
 * Requires PHP:      8.1
 * Author:            Pixport
 * License:           GPL-2.0-or-later
 * License URI:       https://www.gnu.org/licenses/gpl-2.0.html
 * Text Domain:       pixport
 *
 * @package Pixport
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

define( 'PIXPORT_VERSION', '0.1.0' );
define( 'PIXPORT_FILE', __FILE__ );

require_once __DIR__ . '/includes/Autoloader.php';
\Pixport\Autoloader::register( 'Pixport\\', __DIR__ . '/includes/' );

\Pixport\Plugin::boot( __FILE__ );
