<?php
/**
 * `php tests/php/run.php`: hub error messages, parameter whitelist, key masking, multipart bodies,
 * compliance verdicts and result paths.
 *
 * @package Pixport
 */

use Pixport\Hub\HubError;
use Pixport\Hub\Multipart;
use Pixport\Media\ComplianceVerdict;
use Pixport\Operations;
use Pixport\Settings\KeyBox;
use Pixport\Settings\Options;

require __DIR__ . '/bootstrap.php';

Check::test(
	'hub errors become messages that say what to do',
	static function (): void {
		Check::contains( 'did not answer in time', HubError::unreachable( 'http://hub', 'Operation timed out after 2001 milliseconds', true )->user_message() );
		Check::contains( 'Check the hub URL', HubError::unreachable( 'http://hub', 'Connection refused', false )->user_message() );
		Check::contains( 'has been revoked', ( new HubError( 401, 'key_revoked', 'API key revoked' ) )->user_message() );
		Check::contains( 'has expired', ( new HubError( 401, 'key_expired', 'expired' ) )->user_message() );
		Check::contains( 'refused the API key: Invalid API key', ( new HubError( 401, 'invalid_api_key', 'Invalid API key' ) )->user_message() );
		Check::contains( 'not allowed to do this: needs process', ( new HubError( 403, 'insufficient_scope', 'needs process' ) )->user_message() );
		Check::contains( 'out of credits. Processing is paused', ( new HubError( 402, 'insufficient_credits', 'x' ) )->user_message() );
		Check::contains( 'Try again in 17 seconds', ( new HubError( 429, 'rate_limited', 'x', 17 ) )->user_message() );
		Check::contains( 'Try again in 1 seconds', ( new HubError( 429, 'rate_limited', 'x' ) )->user_message() );
		$server = ( new HubError( 503, 'service_unavailable', 'x', null, 'req_abc' ) )->user_message();
		Check::contains( 'HTTP 503', $server );
		Check::contains( '(request req_abc)', $server );
		Check::contains( 'nothing was changed in your media library', $server );
		Check::contains( 'refused the request: width: must be an integer', ( new HubError( 422, 'invalid_parameter', 'width: must be an integer' ) )->user_message() );
	}
);

Check::test(
	'hub errors map to the REST status the browser sees and to retry/pause decisions',
	static function (): void {
		Check::same( 504, HubError::unreachable( 'h', 'timed out', true )->rest_status() );
		Check::same( 424, ( new HubError( 401, 'key_revoked', 'x' ) )->rest_status(), '401 is not the browser user\'s auth' );
		Check::same( 402, ( new HubError( 402, 'insufficient_credits', 'x' ) )->rest_status() );
		Check::same( 429, ( new HubError( 429, 'rate_limited', 'x' ) )->rest_status() );
		Check::same( 502, ( new HubError( 500, 'internal', 'x' ) )->rest_status() );
		Check::same( true, ( new HubError( 429, 'rate_limited', 'x' ) )->is_transient() );
		Check::same( true, ( new HubError( 502, 'http_502', 'x' ) )->is_transient() );
		Check::same( false, ( new HubError( 402, 'insufficient_credits', 'x' ) )->is_transient() );
		Check::same( true, ( new HubError( 402, 'insufficient_credits', 'x' ) )->is_out_of_credits() );
		Check::same( true, ( new HubError( 403, 'insufficient_scope', 'x' ) )->is_key_problem() );
		Check::same( false, ( new HubError( 422, 'invalid_parameter', 'x' ) )->is_key_problem() );
	}
);

Check::test(
	'only whitelisted, typed, in-range parameters reach the hub',
	static function (): void {
		Check::same(
			array(
				'preset'     => 'amazon',
				'margin'     => '0.1',
				'background' => '#ffffff',
			),
			Operations::sanitize_params( 'process', array( 'preset' => 'amazon', 'margin' => '0.10', 'background' => 'FFFFFF', 'webhook_url' => 'http://evil', 'api_key' => 'x' ) )
		);
		Check::same( array( 'crop' => 'true' ), Operations::sanitize_params( 'remove-background', array( 'crop' => true, 'bg_color' => '' ) ) );
		Check::same( array( 'scale' => '4' ), Operations::sanitize_params( 'upscale', array( 'scale' => 4 ) ) );
		Check::throws( 'margin must be a number between 0 and 0.49', static fn () => Operations::sanitize_params( 'process', array( 'margin' => '0.5' ) ) );
		Check::throws( 'width must be an integer between 1 and 10000', static fn () => Operations::sanitize_params( 'process', array( 'width' => '12.5' ) ) );
		Check::throws( 'preset must be one of', static fn () => Operations::sanitize_params( 'process', array( 'preset' => 'alibaba' ) ) );
		Check::throws( 'background must be a hex colour', static fn () => Operations::sanitize_params( 'process', array( 'background' => 'red' ) ) );
		Check::throws( 'must be a single value', static fn () => Operations::sanitize_params( 'process', array( 'preset' => array( 'amazon' ) ) ) );
		Check::throws( 'Unknown operation', static fn () => Operations::sanitize_params( 'ocr', array() ) );
		Check::same( '/api/v1/backgrounds/generate', Operations::sync_path( 'backgrounds-generate' ) );
	}
);

Check::test(
	'keys are shown masked only',
	static function (): void {
		Check::same( 'pxp_live_7Gq…x9Qz', Options::mask( 'pxp_live_7Gq2abcdefghijklmnopqrstuvwxyzABCDx9Qz' ) );
		Check::same( '••••••••', Options::mask( 'short-key' ) );
		Check::same( '', Options::mask( '' ) );
	}
);

Check::test(
	'multipart bodies carry fields and the image with a fresh boundary',
	static function (): void {
		$body = ( new Multipart() )->field( 'preset', 'amazon' )->file( 'image', 'a"b.jpg', 'image/jpeg', "\xFF\xD8bytes" );
		preg_match( '/boundary=(\S+)$/', $body->content_type(), $match );
		$text = $body->body();
		Check::contains( "--{$match[1]}\r\nContent-Disposition: form-data; name=\"preset\"\r\n\r\namazon\r\n", $text );
		Check::contains( "name=\"image\"; filename=\"a%22b.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n\xFF\xD8bytes\r\n", $text );
		Check::same( true, str_ends_with( $text, "--{$match[1]}--\r\n" ) );
	}
);

Check::test(
	'compliance verdicts keep the failed error rules, not the warnings',
	static function (): void {
		$verdict = ComplianceVerdict::from_hub(
			array(
				'operation'    => 'compliance',
				'passed'       => false,
				'marketplaces' => array(
					array(
						'marketplace' => 'amazon',
						'passed'      => false,
						'rules'       => array(
							array( 'rule' => 'white_background', 'passed' => false, 'severity' => 'error', 'message' => 'Background is not pure white.' ),
							array( 'rule' => 'zoom', 'passed' => false, 'severity' => 'warning', 'message' => 'Below 1000 px.' ),
							array( 'rule' => 'format', 'passed' => true, 'severity' => 'error', 'message' => 'ok' ),
						),
					),
				),
			)
		);
		Check::same( false, $verdict['passed'] );
		Check::same(
			array(
				array(
					'marketplace' => 'amazon',
					'passed'      => false,
					'failed'      => array( 'Background is not pure white.' ),
				),
			),
			$verdict['marketplaces']
		);
	}
);

Check::test(
	'result URLs are fetched as paths on the configured hub, never from another host or outside the API',
	static function (): void {
		$client = new \Pixport\Hub\HubClient( 'http://10.0.0.5:3000/pixport', 'pxp_test_key' );
		$path   = new \ReflectionMethod( $client, 'hub_path' );
		Check::same( '/api/v1/results/res_1', $path->invoke( $client, 'https://public.example.com/pixport/api/v1/results/res_1' ) );
		Check::same( '/api/v1/jobs/t1/result?x=1', $path->invoke( $client, 'https://evil.example.com/api/v1/jobs/t1/result?x=1' ) );
		Check::throws( 'outside its API', static fn () => $path->invoke( $client, 'https://evil.example.com/steal' ) );
		Check::throws( 'outside its API', static fn () => $path->invoke( $client, '/api/../../etc/passwd' ) );
	}
);

Check::test(
	'the whitelist reads the catalogue generated from the hub\'s schemas, and every offered parameter is one the hub accepts',
	static function (): void {
		$catalogue = Operations::catalogue();
		foreach ( Operations::names() as $operation ) {
			$hub = $catalogue['operations'][ $operation ]['params'];
			foreach ( Operations::rules( $operation ) as $name => $rule ) {
				Check::same( true, isset( $hub[ $name ] ), "{$operation}.{$name} in the catalogue" );
				if ( isset( $rule['hub'] ) ) { // A narrowed list: each value must pass the hub's own rule.
					foreach ( $rule['values'] as $value ) {
						Operations::coerce( $name, $value, $rule['hub'] );
					}
				}
			}
		}
		Check::same( array( 'process', 'remove-background', 'backgrounds-generate', 'upscale' ), Operations::names() );
		Check::same( array( 'amazon', 'shopify', 'woocommerce', 'ebay', 'etsy', 'google' ), Operations::marketplaces() );
		Check::same( 'WooCommerce', Operations::marketplace_label( 'woocommerce' ) );
		Check::same( 'eBay', Operations::marketplace_label( 'ebay' ) );
		// Ranges come from the hub: width to 10000 for process, and avif because the hub encodes it.
		Check::same( array( 'width' => '10000', 'format' => 'avif' ), Operations::sanitize_params( 'process', array( 'width' => '10000', 'format' => 'avif' ) ) );
		Check::throws( 'kind must be one of solid, linear, radial, studio', static fn () => Operations::sanitize_params( 'backgrounds-generate', array( 'kind' => 'image' ) ) );
		Check::throws( 'scale must be one of 2, 4', static fn () => Operations::sanitize_params( 'upscale', array( 'scale' => '3' ) ) );
	}
);

Check::test(
	'the stored key is sealed under the site\'s salts: it opens with them only, and tampering is detected',
	static function (): void {
		$key    = 'pxp_live_7Gq2abcdefghijklmnopqrstuvwxyzABCDx9Qz';
		$sealed = KeyBox::seal( $key, 'salts-of-this-site' );
		Check::same( true, str_starts_with( $sealed, 'pxpbox1:' ) );
		Check::same( false, str_contains( $sealed, 'abcdefghij' ) );
		Check::same( false, $sealed === KeyBox::seal( $key, 'salts-of-this-site' ), 'a fresh nonce each time' );
		Check::same( $key, KeyBox::open( $sealed, 'salts-of-this-site' ) );
		Check::same( null, KeyBox::open( $sealed, 'other-salts' ) );
		$raw         = base64_decode( substr( $sealed, 8 ) );
		$raw[30]     = chr( ord( $raw[30] ) ^ 1 );
		Check::same( null, KeyBox::open( 'pxpbox1:' . base64_encode( $raw ), 'salts-of-this-site' ) );
		Check::same( null, KeyBox::open( 'pxpbox1:!!!', 'salts-of-this-site' ) );
		Check::same( $key, KeyBox::open( $key, 'salts-of-this-site' ), 'a key stored before encryption reads as is' );
		Check::same( '', KeyBox::seal( '', 'x' ) );
	}
);

exit( Check::summary() );
