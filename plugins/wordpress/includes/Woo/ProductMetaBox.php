<?php
/**
 * The product screen's "Pixport" box: process the featured image and gallery, or restore originals.
 * The buttons are wired by build/admin/product.js to the plugin's REST routes.
 *
 * @package Pixport
 */

namespace Pixport\Woo;

use Pixport\Settings\Options;

defined( 'ABSPATH' ) || exit;

final class ProductMetaBox {
	public static function hook(): void {
		add_action( 'add_meta_boxes_product', array( self::class, 'add' ) );
	}

	public static function add(): void {
		add_meta_box( 'pixport-product-images', __( 'Pixport: product images', 'pixport' ), array( self::class, 'render' ), 'product', 'side' );
	}

	public static function render( \WP_Post $post ): void {
		$ids     = ProductImages::all_ids( $post->ID );
		$enabled = Options::is_configured() && current_user_can( 'edit_post', $post->ID );
		?>
		<div id="pixport-product" data-product-id="<?php echo esc_attr( (string) $post->ID ); ?>">
			<p>
				<?php
				/* translators: %d: number of images */
				echo esc_html( sprintf( _n( '%d image (featured + gallery).', '%d images (featured + gallery).', count( $ids ), 'pixport' ), count( $ids ) ) );
				?>
			</p>
			<p>
				<button type="button" class="button button-primary" data-pixport-action="process" <?php disabled( ! $enabled || ! $ids ); ?>><?php esc_html_e( 'Process product images', 'pixport' ); ?></button>
				<button type="button" class="button" data-pixport-action="restore" <?php disabled( ! ProductImages::has_originals( $post->ID ) ); ?>><?php esc_html_e( 'Restore originals', 'pixport' ); ?></button>
			</p>
			<p class="description"><?php esc_html_e( 'Images are replaced only when all of them succeed; the originals stay in the media library.', 'pixport' ); ?></p>
			<div class="pixport-product-status" aria-live="polite"></div>
		</div>
		<?php
	}
}
