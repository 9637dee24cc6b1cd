// The block is found through its block.json (wp-scripts' default); the admin screens' scripts are
// extra entries built into build/admin/.
const defaultConfig = require('@wordpress/scripts/config/webpack.config');

const defaultEntry = defaultConfig.entry;

module.exports = {
  ...defaultConfig,
  entry: () => ({
    ...(typeof defaultEntry === 'function' ? defaultEntry() : defaultEntry),
    'admin/settings': './src/admin/settings.ts',
    'admin/media': './src/admin/media.ts',
    'admin/product': './src/admin/product.ts',
  }),
};
