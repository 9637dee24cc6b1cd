<?php
/**
 * Reports processed images to the hub (`/api/wordpress-plugin/usage/report`). A failed report never
 * fails the work it describes; a refused key is remembered for the settings page.
 *
 * @package Pixport
 */

namespace Pixport\Usage;

use Pixport\Hub\HubClient;
use Pixport\Hub\HubError;
use Pixport\Settings\ValidationCache;

defined( 'ABSPATH' ) || exit;

final class UsageReporter {
	/** @param array<string,int> $counts Processed images by operation. */
	public static function report( HubClient $hub, array $counts ): void {
		foreach ( $counts as $operation => $count ) {
			for ( $left = $count; $left > 0; $left -= 1000 ) {
				try {
					$hub->report_usage( $operation, min( 1000, $left ) );
				} catch ( HubError $error ) {
					ValidationCache::note_refusal( $error );
					return;
				}
			}
		}
	}
}
