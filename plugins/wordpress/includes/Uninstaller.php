<?php
/**
 * What uninstall.php removes (see there).
 *
 * @package Pixport
 */

namespace Pixport;

use Pixport\Bulk\BatchScheduler;
use Pixport\Bulk\BatchStore;
use Pixport\Media\PreviewStore;
use Pixport\Settings\Options;
use Pixport\Settings\ValidationCache;

defined( 'ABSPATH' ) || exit;

final class Uninstaller {
	private const POST_META = array( '_pixport_status', '_pixport_compliance', '_pixport_original_images' );

	public static function run(): void {
		BatchStore::remove_all();
		BatchScheduler::unschedule();
		PreviewStore::remove_all();
		ValidationCache::forget();
		delete_option( Options::OPTION );
		foreach ( self::POST_META as $key ) {
			delete_post_meta_by_key( $key );
		}
		delete_metadata( 'user', 0, 'pixport_notices', '', true );
	}
}
