<?php
/**
 * PHP's side of the hub: every call that carries the API key goes through here. The key is sent only
 * to the configured hub's origin (result URLs on any other origin are refused).
 *
 * @package Pixport
 */

namespace Pixport\Hub;

use Pixport\Operations;
use Pixport\Settings\Options;

defined( 'ABSPATH' ) || exit;

class HubClient {
	/** Seconds to wait for a synchronous image operation. */
	private const PROCESS_TIMEOUT = 60;
	private const DEFAULT_TIMEOUT = 15;

	public function __construct( private string $hub_url, private string $api_key ) {}

	public static function from_settings(): self {
		return new self( Options::hub_url(), Options::api_key() );
	}

	/** POST /api/wordpress-plugin/auth/validate → {valid, key, organization, plan}. */
	public function validate(): array {
		return $this->json(
			'POST',
			'/api/wordpress-plugin/auth/validate',
			array(
				'headers' => array( 'Content-Type' => 'application/json' ),
				'body'    => '{}',
			)
		);
	}

	/** GET /api/v1/usage → the usage snapshot of the last 30 days. */
	public function usage(): array {
		return $this->json( 'GET', '/api/v1/usage' );
	}

	/** POST /api/wordpress-plugin/usage/report with the tool (operation) and count. */
	public function report_usage( string $tool, int $count ): array {
		return $this->json(
			'POST',
			'/api/wordpress-plugin/usage/report',
			array(
				'body' => array(
					'tool'     => $tool,
					'count'    => (string) $count,
					'site_url' => home_url( '/' ),
				),
			)
		);
	}

	/**
	 * Runs an operation synchronously on a local file.
	 *
	 * @param array<string,string> $params Sanitized parameters.
	 * @return array{id:string,operation:string,output:?array,metadata:array} The hub's answer.
	 */
	public function run( string $operation, string $file, array $params ): array {
		$form = $this->image_form( $file, $params );
		return $this->json( 'POST', Operations::sync_path( $operation ), $this->multipart( $form, self::PROCESS_TIMEOUT ) );
	}

	/** POST /api/v1/compliance for one or more marketplaces. */
	public function compliance( string $file, array $marketplaces ): array {
		$form = $this->image_form( $file, array( 'marketplace' => implode( ',', $marketplaces ) ) );
		return $this->json( 'POST', '/api/v1/compliance', $this->multipart( $form, self::PROCESS_TIMEOUT ) );
	}

	/**
	 * POST /api/v1/jobs: the operation as an async task → {id, status, status_url, result_url}.
	 * With an `Idempotency-Key` the hub answers a repeated submit (a retry after a timeout) with the
	 * first task instead of creating and charging a second one.
	 */
	public function submit_job( string $operation, string $file, array $params, string $idempotency_key = '' ): array {
		$form = $this->image_form( $file, array( 'operation' => $operation ) + $params );
		$args = $this->multipart( $form, self::PROCESS_TIMEOUT );
		if ( '' !== $idempotency_key ) {
			$args['headers']['Idempotency-Key'] = $idempotency_key;
		}
		return $this->json( 'POST', '/api/v1/jobs', $args );
	}

	/**
	 * Current state of several tasks: one batch lookup (`GET /api/v1/jobs?ids=`).
	 *
	 * @param string[] $ids Task ids (at most 100).
	 * @return array<string,array> Task by id.
	 */
	public function jobs( array $ids ): array {
		try {
			$answer = $this->json( 'GET', '/api/v1/jobs?ids=' . rawurlencode( implode( ',', $ids ) ) );
		} catch ( HubError $error ) {
			if ( ! in_array( $error->status, array( 400, 404, 405, 422 ), true ) ) {
				throw $error;
			}
			return $this->jobs_one_by_one( $ids ); // A hub without the batch lookup.
		}
		$list   = isset( $answer['data'] ) && is_array( $answer['data'] ) ? $answer['data'] : ( array_is_list( $answer ) ? $answer : array() );
		$by_id  = array();
		foreach ( $list as $task ) {
			if ( is_array( $task ) && isset( $task['id'] ) ) {
				$by_id[ (string) $task['id'] ] = $task;
			}
		}
		return $by_id;
	}

	/** @return array<string,array> */
	private function jobs_one_by_one( array $ids ): array {
		$by_id = array();
		foreach ( $ids as $id ) {
			try {
				$by_id[ $id ] = $this->json( 'GET', '/api/v1/jobs/' . rawurlencode( $id ) );
			} catch ( HubError $error ) {
				if ( 404 !== $error->status ) {
					throw $error;
				}
			}
		}
		return $by_id;
	}

	/** GET /api/v1/jobs/:id/result → bytes. */
	public function job_result( string $id ): array {
		return $this->download( '/api/v1/jobs/' . rawurlencode( $id ) . '/result' );
	}

	/**
	 * Downloads a result (`output.url` of a sync answer, or a task's result path) with the key.
	 *
	 * @return array{bytes:string,content_type:string}
	 */
	public function download( string $url_or_path ): array {
		$path     = $this->hub_path( $url_or_path );
		$response = $this->send( 'GET', $path, array( 'timeout' => self::PROCESS_TIMEOUT ) );
		return array(
			'bytes'        => wp_remote_retrieve_body( $response ),
			'content_type' => strtolower( trim( explode( ';', (string) wp_remote_retrieve_header( $response, 'content-type' ) )[0] ) ),
		);
	}

	/**
	 * The path (and query) of a result URL, always requested from the configured hub: the key never
	 * goes to whatever host a URL names (the hub's PUBLIC_URL may differ from the address this site uses).
	 */
	private function hub_path( string $url_or_path ): string {
		$parts = wp_parse_url( $url_or_path );
		$path  = is_array( $parts ) ? (string) ( $parts['path'] ?? '' ) : '';
		$base  = rtrim( (string) wp_parse_url( $this->hub_url, PHP_URL_PATH ), '/' );
		if ( '' !== $base && str_starts_with( $path, $base . '/' ) ) {
			$path = substr( $path, strlen( $base ) );
		}
		if ( ! str_starts_with( $path, '/api/' ) || str_contains( $path, '..' ) ) {
			throw new HubError( 502, 'invalid_response', __( 'The hub pointed to a result outside its API; refusing to fetch it.', 'pixport' ) );
		}
		return $path . ( isset( $parts['query'] ) ? '?' . $parts['query'] : '' );
	}

	/** @return array<string,string> */
	private function image_form( string $file, array $params ): array {
		if ( ! is_readable( $file ) ) {
			throw new HubError( 400, 'missing_file', __( 'The original image file is missing on this site.', 'pixport' ) );
		}
		return array( '__file' => $file ) + $params;
	}

	private function multipart( array $form, int $timeout ): array {
		$body = new Multipart();
		foreach ( $form as $name => $value ) {
			if ( '__file' === $name ) {
				$type = wp_check_filetype( $value )['type'];
				$body->file( 'image', wp_basename( $value ), $type ? $type : 'application/octet-stream', (string) file_get_contents( $value ) ); // phpcs:ignore WordPress.WP.AlternativeFunctions
				continue;
			}
			$body->field( (string) $name, (string) $value );
		}
		return array(
			'headers' => array( 'Content-Type' => $body->content_type() ),
			'body'    => $body->body(),
			'timeout' => $timeout,
		);
	}

	private function json( string $method, string $path, array $args = array() ): array {
		$response = $this->send( $method, $path, $args );
		$decoded  = json_decode( wp_remote_retrieve_body( $response ), true );
		if ( ! is_array( $decoded ) ) {
			throw new HubError( (int) wp_remote_retrieve_response_code( $response ), 'invalid_response', __( 'The hub answered something that is not JSON.', 'pixport' ) );
		}
		return $decoded;
	}

	/** @return array The WordPress HTTP response of a 2xx answer. */
	private function send( string $method, string $path, array $args ): array {
		if ( '' === $this->hub_url ) {
			throw new HubError( 0, 'not_configured', __( 'No hub URL is set.', 'pixport' ) );
		}
		if ( '' === $this->api_key ) {
			throw new HubError( 401, 'missing_api_key', __( 'No API key is set.', 'pixport' ) );
		}
		$args['method']  = $method;
		/** Filters the seconds PHP waits for the hub on one call. */
		$args['timeout'] = (float) apply_filters( 'pixport_hub_timeout', $args['timeout'] ?? self::DEFAULT_TIMEOUT, $path );
		$args['headers'] = ( $args['headers'] ?? array() ) + array(
			'X-API-Key'        => $this->api_key,
			'X-Pixport-Client' => 'wordpress',
			'Accept'           => 'application/json',
		);
		$args['redirection'] = 0; // Never follow a redirect carrying the key.
		$args['user-agent']  = 'Pixport-WordPress/' . PIXPORT_VERSION . '; ' . home_url( '/' );

		$response = wp_remote_request( $this->hub_url . $path, $args );
		if ( is_wp_error( $response ) ) {
			$message = $response->get_error_message();
			throw HubError::unreachable( $this->hub_url, $message, (bool) preg_match( '/timed? ?out|timeout/i', $message ) );
		}
		$status = (int) wp_remote_retrieve_response_code( $response );
		if ( $status >= 200 && $status < 300 ) {
			return $response;
		}
		$problem = json_decode( wp_remote_retrieve_body( $response ), true );
		$problem = is_array( $problem ) ? $problem : array();
		$retry   = wp_remote_retrieve_header( $response, 'retry-after' );
		throw new HubError(
			$status,
			(string) ( $problem['code'] ?? 'http_' . $status ),
			(string) ( $problem['detail'] ?? $problem['title'] ?? wp_remote_retrieve_response_message( $response ) ),
			'' !== $retry && is_numeric( $retry ) ? (int) $retry : null,
			(string) ( $problem['request_id'] ?? wp_remote_retrieve_header( $response, 'x-request-id' ) )
		);
	}
}
