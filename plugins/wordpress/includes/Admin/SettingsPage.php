<?php
/**
 * Settings → Pixport: hub URL, API key (masked; the field is never filled with it), defaults,
 * "Validate" and the hub's usage snapshot (both loaded by settings.ts from the plugin's REST routes).
 *
 * @package Pixport
 */

namespace Pixport\Admin;

use Pixport\Operations;
use Pixport\Settings\Options;
use Pixport\Settings\ValidationCache;

defined( 'ABSPATH' ) || exit;

final class SettingsPage {
	public const SLUG = 'pixport';

	public static function register_setting(): void {
		register_setting(
			'pixport',
			Options::OPTION,
			array(
				'type'              => 'array',
				'sanitize_callback' => array( Options::class, 'sanitize' ),
				'show_in_rest'      => false,
				'default'           => array(),
			)
		);
	}

	public static function add_menu(): void {
		add_options_page( __( 'Pixport', 'pixport' ), __( 'Pixport', 'pixport' ), 'manage_options', self::SLUG, array( self::class, 'render' ) );
	}

	/** @param string[] $links */
	public static function action_links( array $links ): array {
		array_unshift( $links, '<a href="' . esc_url( admin_url( 'options-general.php?page=' . self::SLUG ) ) . '">' . esc_html__( 'Settings', 'pixport' ) . '</a>' );
		return $links;
	}

	public static function render(): void {
		if ( ! current_user_can( 'manage_options' ) ) {
			wp_die( esc_html__( 'You are not allowed to manage Pixport settings.', 'pixport' ), 403 );
		}
		$settings      = Options::all();
		$from_constant = Options::key_from_constant();
		$masked        = Options::masked_key();
		$cached        = ValidationCache::get();
		?>
		<div class="wrap pixport-settings">
			<h1><?php esc_html_e( 'Pixport', 'pixport' ); ?></h1>
			<?php // Settings errors are printed once, by WordPress's options-head.php for pages under Settings. ?>
			<?php if ( Options::stored_key_unreadable() && ! $from_constant ) : ?>
				<div class="notice notice-error inline"><p><?php esc_html_e( 'The stored API key can no longer be read (this site\'s salts in wp-config.php changed). Paste the key again.', 'pixport' ); ?></p></div>
			<?php endif; ?>
			<form method="post" action="options.php" id="pixport-settings-form">
				<?php settings_fields( 'pixport' ); ?>
				<table class="form-table" role="presentation">
					<tr>
						<th scope="row"><label for="pixport-hub-url"><?php esc_html_e( 'Hub URL', 'pixport' ); ?></label></th>
						<td>
							<input type="url" class="regular-text code" id="pixport-hub-url" name="<?php echo esc_attr( Options::OPTION ); ?>[hub_url]" value="<?php echo esc_attr( $settings['hub_url'] ); ?>" placeholder="https://pixport.example.com" />
							<p class="description"><?php esc_html_e( 'Where your Pixport hub runs. This site\'s server calls it; browsers never do.', 'pixport' ); ?></p>
						</td>
					</tr>
					<tr>
						<th scope="row"><label for="pixport-api-key"><?php esc_html_e( 'API key', 'pixport' ); ?></label></th>
						<td>
							<?php if ( $from_constant ) : ?>
								<input type="password" class="regular-text code" id="pixport-api-key" value="" placeholder="<?php echo esc_attr( $masked ); ?>" disabled />
								<p class="description"><?php esc_html_e( 'Set by the PIXPORT_API_KEY constant in wp-config.php, which wins over this field.', 'pixport' ); ?></p>
								<?php if ( Options::has_stored_key() ) : ?>
									<p class="description">
										<?php esc_html_e( 'A key is also stored in the database, unused while the constant is set.', 'pixport' ); ?>
										<label><input type="checkbox" id="pixport-clear-api-key" name="<?php echo esc_attr( Options::OPTION ); ?>[clear_api_key]" value="1" /> <?php esc_html_e( 'Remove the stored key', 'pixport' ); ?></label>
									</p>
								<?php endif; ?>
							<?php else : ?>
								<input type="password" class="regular-text code" id="pixport-api-key" name="<?php echo esc_attr( Options::OPTION ); ?>[api_key]" value="" autocomplete="off" placeholder="<?php echo esc_attr( '' !== $masked ? $masked : 'pxp_live_…' ); ?>" />
								<p class="description">
									<?php esc_html_e( 'A new key is saved only once the hub accepts it. It is stored encrypted with a key derived from this site\'s salts.', 'pixport' ); ?>
								</p>
								<p class="description">
									<?php if ( '' !== $masked ) : ?>
										<?php
										/* translators: %s: masked key */
										echo esc_html( sprintf( __( 'Stored key: %s. Leave the field empty to keep it.', 'pixport' ), $masked ) );
										?>
										<label><input type="checkbox" id="pixport-clear-api-key" name="<?php echo esc_attr( Options::OPTION ); ?>[clear_api_key]" value="1" /> <?php esc_html_e( 'Remove the stored key', 'pixport' ); ?></label>
									<?php else : ?>
										<?php esc_html_e( 'Create a key in the Pixport dashboard (API keys) and paste it here, or define PIXPORT_API_KEY in wp-config.php.', 'pixport' ); ?>
									<?php endif; ?>
								</p>
							<?php endif; ?>
						</td>
					</tr>
					<tr>
						<th scope="row"><label for="pixport-default-preset"><?php esc_html_e( 'Default marketplace preset', 'pixport' ); ?></label></th>
						<td>
							<select id="pixport-default-preset" name="<?php echo esc_attr( Options::OPTION ); ?>[default_preset]">
								<?php foreach ( Operations::marketplaces() as $marketplace ) : ?>
									<option value="<?php echo esc_attr( $marketplace ); ?>" <?php selected( $settings['default_preset'], $marketplace ); ?>><?php echo esc_html( Operations::marketplace_label( $marketplace ) ); ?></option>
								<?php endforeach; ?>
							</select>
						</td>
					</tr>
					<tr>
						<th scope="row"><label for="pixport-default-operation"><?php esc_html_e( 'Default operation', 'pixport' ); ?></label></th>
						<td>
							<select id="pixport-default-operation" name="<?php echo esc_attr( Options::OPTION ); ?>[default_operation]">
								<?php foreach ( Operations::labels() as $operation => $label ) : ?>
									<option value="<?php echo esc_attr( $operation ); ?>" <?php selected( $settings['default_operation'], $operation ); ?>><?php echo esc_html( $label ); ?></option>
								<?php endforeach; ?>
							</select>
							<p class="description"><?php esc_html_e( 'Used by the media library\'s "Process" action, the bulk action and the WooCommerce product box.', 'pixport' ); ?></p>
						</td>
					</tr>
				</table>
				<?php submit_button( __( 'Save settings', 'pixport' ) ); ?>
			</form>

			<h2><?php esc_html_e( 'Connection', 'pixport' ); ?></h2>
			<p>
				<button type="button" class="button button-secondary" id="pixport-validate" <?php disabled( ! Options::is_configured() ); ?>><?php esc_html_e( 'Validate', 'pixport' ); ?></button>
			</p>
			<div id="pixport-validation" aria-live="polite" data-cached="<?php echo esc_attr( (string) wp_json_encode( $cached ) ); ?>" data-just-saved="<?php echo isset( $_GET['settings-updated'] ) ? '1' : '0'; // phpcs:ignore WordPress.Security.NonceVerification ?>"></div>

			<h2><?php esc_html_e( 'Usage (last 30 days)', 'pixport' ); ?></h2>
			<div id="pixport-usage" aria-live="polite" data-enabled="<?php echo Options::is_configured() ? '1' : '0'; ?>"></div>
		</div>
		<?php
	}
}
