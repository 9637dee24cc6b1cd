<?php
/**
 * The part of the hub's compliance report the media library shows: overall verdict and, per
 * marketplace, the failed rules' messages.
 *
 * @package Pixport
 */

namespace Pixport\Media;

defined( 'ABSPATH' ) || exit;

final class ComplianceVerdict {
	/** @return array{passed:bool,marketplaces:array,checked_at:int} */
	public static function from_hub( array $answer ): array {
		$report = self::find_report( $answer );
		$list   = array();
		foreach ( (array) ( $report['marketplaces'] ?? array() ) as $verdict ) {
			if ( ! is_array( $verdict ) ) {
				continue;
			}
			$failed = array();
			foreach ( (array) ( $verdict['rules'] ?? array() ) as $rule ) {
				if ( is_array( $rule ) && empty( $rule['passed'] ) && 'warning' !== ( $rule['severity'] ?? 'error' ) ) {
					$failed[] = (string) ( $rule['message'] ?? $rule['rule'] ?? '' );
				}
			}
			$list[] = array(
				'marketplace' => (string) ( $verdict['marketplace'] ?? '' ),
				'passed'      => ! empty( $verdict['passed'] ),
				'failed'      => $failed,
			);
		}
		return array(
			'passed'       => ! empty( $report['passed'] ),
			'marketplaces' => $list,
			'checked_at'   => time(),
		);
	}

	/** The report sits in `metadata` of the sync answer (or at its top level). */
	private static function find_report( array $answer ): array {
		foreach ( array( $answer['report'] ?? null, $answer['metadata']['report'] ?? null, $answer['metadata'] ?? null, $answer ) as $candidate ) {
			if ( is_array( $candidate ) && array_key_exists( 'passed', $candidate ) ) {
				return $candidate;
			}
		}
		return array();
	}
}
