<?php
/**
 * A multipart/form-data body for wp_remote_post (WordPress's HTTP API has no file upload helper).
 *
 * @package Pixport
 */

namespace Pixport\Hub;

defined( 'ABSPATH' ) || exit;

final class Multipart {
	private string $boundary;
	private string $body = '';

	public function __construct() {
		$this->boundary = 'pixport-' . bin2hex( random_bytes( 12 ) );
	}

	public function field( string $name, string $value ): self {
		$this->body .= '--' . $this->boundary . "\r\n"
			. 'Content-Disposition: form-data; name="' . self::quote( $name ) . "\"\r\n\r\n"
			. $value . "\r\n";
		return $this;
	}

	public function file( string $name, string $filename, string $content_type, string $bytes ): self {
		$this->body .= '--' . $this->boundary . "\r\n"
			. 'Content-Disposition: form-data; name="' . self::quote( $name ) . '"; filename="' . self::quote( $filename ) . "\"\r\n"
			. 'Content-Type: ' . $content_type . "\r\n\r\n"
			. $bytes . "\r\n";
		return $this;
	}

	public function content_type(): string {
		return 'multipart/form-data; boundary=' . $this->boundary;
	}

	public function body(): string {
		return $this->body . '--' . $this->boundary . "--\r\n";
	}

	private static function quote( string $value ): string {
		return str_replace( array( '"', "\r", "\n" ), array( '%22', '', '' ), $value );
	}
}
