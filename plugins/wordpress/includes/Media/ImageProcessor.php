<?php
/**
 * Runs one hub operation on one attachment's original file, synchronously, and reads the result.
 *
 * @package Pixport
 */

namespace Pixport\Media;

use Pixport\Hub\HubClient;
use Pixport\Hub\HubError;
use Pixport\Operations;
use Pixport\Settings\Options;
use Pixport\Settings\ValidationCache;
use Pixport\Usage\UsageReporter;

defined( 'ABSPATH' ) || exit;

final class ImageProcessor {
	public function __construct( private HubClient $hub ) {}

	public static function from_settings(): self {
		return new self( HubClient::from_settings() );
	}

	public function hub(): HubClient {
		return $this->hub;
	}

	/** The file to send: the untouched upload, not WordPress's `-scaled` copy. */
	public static function source_file( int $attachment_id ): string {
		$original = function_exists( 'wp_get_original_image_path' ) ? wp_get_original_image_path( $attachment_id ) : false;
		return (string) ( $original ? $original : get_attached_file( $attachment_id ) );
	}

	public static function is_image( int $attachment_id ): bool {
		return 'attachment' === get_post_type( $attachment_id ) && wp_attachment_is_image( $attachment_id );
	}

	/**
	 * @param array<string,mixed> $params Raw parameters; defaults from the settings fill the gaps.
	 * @return array{bytes:string,content_type:string,hub_id:string,operation:string}
	 * @throws HubError|\InvalidArgumentException
	 */
	public function run( int $attachment_id, string $operation, array $params ): array {
		$clean  = Operations::sanitize_params( $operation, $params + Operations::defaults( $operation, Options::default_preset() ) );
		$answer = $this->call( fn () => $this->hub->run( $operation, self::source_file( $attachment_id ), $clean ) );
		$url    = $answer['output']['url'] ?? null;
		if ( ! is_string( $url ) || '' === $url ) {
			throw new HubError( 502, 'invalid_response', __( 'The hub answered without a result image.', 'pixport' ) );
		}
		$result = $this->call( fn () => $this->hub->download( $url ) );
		UsageReporter::report( $this->hub, array( $operation => 1 ) );
		return $result + array(
			'hub_id'    => (string) ( $answer['id'] ?? '' ),
			'operation' => $operation,
		);
	}

	/** Runs the operation and keeps the result as a new attachment; returns its id. */
	public function run_to_attachment( int $attachment_id, string $operation, array $params ): int {
		$result = $this->run( $attachment_id, $operation, $params );
		$id     = AttachmentFactory::create( $result['bytes'], $result['content_type'], $attachment_id, $operation, get_current_user_id() );
		MediaStatus::set( $attachment_id, 'done', array( 'result_id' => $id ) );
		return $id;
	}

	/**
	 * Checks the original against marketplaces and stores the verdict on the attachment.
	 *
	 * @param string[] $marketplaces
	 */
	public function check_compliance( int $attachment_id, array $marketplaces ): array {
		$answer  = $this->call( fn () => $this->hub->compliance( self::source_file( $attachment_id ), $marketplaces ) );
		$verdict = ComplianceVerdict::from_hub( $answer );
		update_post_meta( $attachment_id, '_pixport_compliance', $verdict );
		UsageReporter::report( $this->hub, array( 'compliance' => 1 ) );
		return $verdict;
	}

	/** Every hub call: a refused key is remembered for the settings page. */
	private function call( callable $request ) {
		try {
			return $request();
		} catch ( HubError $error ) {
			ValidationCache::note_refusal( $error );
			throw $error;
		}
	}
}
