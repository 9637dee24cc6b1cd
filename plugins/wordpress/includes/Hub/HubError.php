<?php
/**
 * A failed hub call: the HTTP status (0 when the hub could not be reached), the hub's problem code and
 * detail, and a message an admin can act on.
 *
 * @package Pixport
 */

namespace Pixport\Hub;

defined( 'ABSPATH' ) || exit;

final class HubError extends \RuntimeException {
	public function __construct(
		public readonly int $status,
		public readonly string $error_code,
		public readonly string $detail,
		public readonly ?int $retry_after = null,
		public readonly string $request_id = ''
	) {
		parent::__construct( $detail );
	}

	public static function unreachable( string $hub_url, string $reason, bool $timed_out ): self {
		return new self( 0, $timed_out ? 'timeout' : 'unreachable', sprintf( '%s (%s)', $reason, $hub_url ) );
	}

	public function is_out_of_credits(): bool {
		return 402 === $this->status;
	}

	public function is_rate_limited(): bool {
		return 429 === $this->status;
	}

	/** Worth retrying later without anyone changing anything: 429, 5xx, timeouts. */
	public function is_transient(): bool {
		return 429 === $this->status || $this->status >= 500 || 0 === $this->status;
	}

	public function is_key_problem(): bool {
		return 401 === $this->status || 'insufficient_scope' === $this->error_code;
	}

	/** What to tell the admin, in words that say what to do next. */
	public function user_message(): string {
		$reference = '' !== $this->request_id ? ' ' . sprintf( /* translators: %s: request id */ __( '(request %s)', 'pixport' ), $this->request_id ) : '';
		switch ( true ) {
			case 'timeout' === $this->error_code:
				return sprintf( /* translators: %s: detail */ __( 'The Pixport hub did not answer in time: %s. Check that the hub is running, or try again.', 'pixport' ), $this->detail );
			case 0 === $this->status:
				return sprintf( /* translators: %s: detail */ __( 'Could not reach the Pixport hub: %s. Check the hub URL in Settings → Pixport.', 'pixport' ), $this->detail );
			case 'key_revoked' === $this->error_code:
				return __( 'The Pixport API key has been revoked. Create a new key in the Pixport dashboard and save it in Settings → Pixport.', 'pixport' );
			case 'key_expired' === $this->error_code:
				return __( 'The Pixport API key has expired. Create a new key in the Pixport dashboard and save it in Settings → Pixport.', 'pixport' );
			case 401 === $this->status:
				return sprintf( /* translators: %s: hub message */ __( 'The Pixport hub refused the API key: %s Check the key in Settings → Pixport.', 'pixport' ), $this->detail );
			case 'insufficient_scope' === $this->error_code:
				return sprintf( /* translators: %s: hub message */ __( 'The Pixport API key is not allowed to do this: %s', 'pixport' ), $this->detail );
			case 402 === $this->status:
				return __( 'Your Pixport organization is out of credits. Processing is paused: add credits in the Pixport dashboard, then resume.', 'pixport' );
			case 429 === $this->status:
				return sprintf(
					/* translators: %d: seconds */
					__( 'The Pixport hub is rate-limiting this site. Try again in %d seconds.', 'pixport' ),
					max( 1, (int) $this->retry_after )
				);
			case $this->status >= 500:
				return sprintf( /* translators: 1: status, 2: request reference */ __( 'The Pixport hub had a problem (HTTP %1$d)%2$s. Try again later; nothing was changed in your media library.', 'pixport' ), $this->status, $reference );
			default:
				return sprintf( /* translators: 1: hub message, 2: request reference */ __( 'The Pixport hub refused the request: %1$s%2$s', 'pixport' ), $this->detail, $reference );
		}
	}

	/** HTTP status the plugin's own REST routes answer for this failure. */
	public function rest_status(): int {
		if ( 0 === $this->status ) {
			return 504;
		}
		if ( 401 === $this->status || 403 === $this->status ) {
			return 424; // The site's hub credentials failed; not the browser user's authentication.
		}
		return $this->status >= 500 ? 502 : $this->status;
	}

	public function to_wp_error(): \WP_Error {
		return new \WP_Error(
			'pixport_' . ( '' !== $this->error_code ? $this->error_code : 'hub_error' ),
			$this->user_message(),
			array(
				'status'      => $this->rest_status(),
				'hub_status'  => $this->status,
				'hub_code'    => $this->error_code,
				'retry_after' => $this->retry_after,
			)
		);
	}
}
