// The library's SessionStorage on the app's own TypeORM database. Not the official SQLite/MySQL adapters:
// the SQLite one brings a second native SQLite driver (sqlite3 beside the better-sqlite3 the app already
// uses) and both store access tokens in plain text. Here tokens are sealed with AES-256-GCM (SecretBox).
import { Session } from '@shopify/shopify-api';
import type { SessionStorage } from '@shopify/shopify-app-session-storage';
import { In, type DataSource, type Repository } from 'typeorm';
import { SessionRow } from '../db/entities/session.entity.js';
import type { SecretBox } from '../lib/secret-box.js';

export class TypeOrmSessionStorage implements SessionStorage {
  private readonly rows: Repository<SessionRow>;

  constructor(dataSource: DataSource, private readonly box: SecretBox) {
    this.rows = dataSource.getRepository(SessionRow);
  }

  async storeSession(session: Session): Promise<boolean> {
    await this.rows.save({
      id: session.id,
      shop: session.shop,
      state: session.state ?? '',
      isOnline: session.isOnline,
      scope: session.scope ?? null,
      expires: session.expires ?? null,
      accessTokenSealed: this.box.sealOptional(session.accessToken),
      refreshTokenSealed: this.box.sealOptional(session.refreshToken),
      refreshTokenExpires: session.refreshTokenExpires ?? null,
      onlineAccessInfo: session.onlineAccessInfo ? JSON.stringify(session.onlineAccessInfo) : null,
      updatedAt: new Date(),
    });
    return true;
  }

  async loadSession(id: string): Promise<Session | undefined> {
    const row = await this.rows.findOneBy({ id });
    return row ? this.toSession(row) : undefined;
  }

  async deleteSession(id: string): Promise<boolean> {
    await this.rows.delete({ id });
    return true;
  }

  async deleteSessions(ids: string[]): Promise<boolean> {
    if (ids.length > 0) await this.rows.delete({ id: In(ids) });
    return true;
  }

  async findSessionsByShop(shop: string): Promise<Session[]> {
    const rows = await this.rows.findBy({ shop });
    return rows.map((row) => this.toSession(row));
  }

  /** Every session of the shop (app/uninstalled, shop/redact). */
  async deleteShop(shop: string): Promise<void> {
    await this.rows.delete({ shop });
  }

  private toSession(row: SessionRow): Session {
    return new Session({
      id: row.id,
      shop: row.shop,
      state: row.state,
      isOnline: row.isOnline,
      ...(row.scope ? { scope: row.scope } : {}),
      ...(row.expires ? { expires: new Date(row.expires) } : {}),
      ...(row.accessTokenSealed ? { accessToken: this.box.open(row.accessTokenSealed) } : {}),
      ...(row.refreshTokenSealed ? { refreshToken: this.box.open(row.refreshTokenSealed) } : {}),
      ...(row.refreshTokenExpires ? { refreshTokenExpires: new Date(row.refreshTokenExpires) } : {}),
      ...(row.onlineAccessInfo ? { onlineAccessInfo: JSON.parse(row.onlineAccessInfo) } : {}),
    });
  }
}
