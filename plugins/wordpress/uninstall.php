<?php
/**
 * Removes what the plugin stored: settings, cached validation, batches, scheduled events, previews,
 * per-user notices and the plugin's bookkeeping on attachments and products. The user's images —
 * originals and processed copies — stay in the media library.
 *
 * @package Pixport
 */

if ( ! defined( 'WP_UNINSTALL_PLUGIN' ) ) {
	exit;
}

require_once __DIR__ . '/includes/Autoloader.php';
\Pixport\Autoloader::register( 'Pixport\\', __DIR__ . '/includes/' );

\Pixport\Uninstaller::run();
