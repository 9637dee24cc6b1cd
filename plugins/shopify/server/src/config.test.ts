import { describe, expect, it } from '@jest/globals';
import { loadConfig } from './config.js';

const base = {
  SHOPIFY_API_KEY: 'id',
  SHOPIFY_API_SECRET: 'secret',
  SHOPIFY_APP_URL: 'https://app.example.com/',
  PIXPORT_HUB_URL: 'http://hub:3000/',
  APP_LINK_SECRET: 'l'.repeat(32),
  SECRETS_KEY: 's'.repeat(32),
};

describe('loadConfig', () => {
  it('parses the defaults: SQLite file, scopes from the toml, URLs without trailing slashes', () => {
    const config = loadConfig(base);
    expect(config.database).toEqual({ type: 'sqlite', file: './data/shopify-app.sqlite' });
    expect(config.shopify).toMatchObject({ appUrl: 'https://app.example.com', hostName: 'app.example.com', hostScheme: 'https', scopes: ['read_products', 'write_products', 'read_files', 'write_files'] });
    expect(config.hub.url).toBe('http://hub:3000');
    expect(config.port).toBe(3100);
  });

  it('takes MySQL and MariaDB URLs and refuses anything else', () => {
    expect(loadConfig({ ...base, DATABASE_URL: 'mariadb://u:p@db:3306/app' }).database).toEqual({ type: 'mysql', url: 'mysql://u:p@db:3306/app' });
    expect(() => loadConfig({ ...base, DATABASE_URL: 'postgres://db/app' })).toThrow('DATABASE_URL');
  });

  it('fails fast, naming every bad variable', () => {
    expect(() => loadConfig({ ...base, APP_LINK_SECRET: 'short', SECRETS_KEY: undefined, PIXPORT_HUB_URL: 'ftp://x' })).toThrow(/APP_LINK_SECRET[\s\S]*PIXPORT_HUB_URL[\s\S]*SECRETS_KEY|APP_LINK_SECRET[\s\S]*SECRETS_KEY/);
    expect(() => loadConfig({})).toThrow('SHOPIFY_API_KEY');
  });
});
