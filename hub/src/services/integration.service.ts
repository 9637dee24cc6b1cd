import type { DataSource } from 'typeorm';
import { ConnectorError, type MarketplaceConnector } from '@pixport/marketplace';
import {
  CLEAR_CREDENTIAL_FIELDS,
  CREDENTIAL_SCHEMAS,
  type CreateIntegrationBody,
  type Integration,
  type UpdateIntegrationBody,
  type VerifyIntegrationResponse,
} from '@pixport/shared';
import { deleteCatalog } from './catalog-store.js';
import { CatalogSyncRow } from '../db/entities/catalog-sync.entity.js';
import { IntegrationRow } from '../db/entities/integration.entity.js';
import { runInTransaction } from '../db/transaction.js';
import { AppError, invalidParameter, notFound } from '../errors.js';
import { newId } from '../lib/ids.js';
import { SecretBoxError, type SecretBox } from '../lib/secret-box.js';
import type { AuditService } from './audit.service.js';
import { toCatalogSync } from './catalog-sync.dto.js';
import { BlockedUrlError, type SsrfGuard } from '../lib/ssrf-guard.js';
import { SELLER_URL_MARKETPLACES, type ConnectorFactory } from './connector-factory.js';
import { marketplaceFailure, marketplaceProblem } from './marketplace-error.js';
import { actorOf, requireRole, type Principal, type RequestMeta } from './principal.js';

type Credentials = Record<string, string>;

/** An integration opened for use: its public form and a connector holding the decrypted credentials. */
export interface ConnectedIntegration {
  integration: Integration;
  connector: MarketplaceConnector;
}

/**
 * Marketplace integrations of an organization. Credentials are sealed with the SecretBox, bound to
 * the row (a sealed value copied to another row does not open); only their masked form leaves this
 * service. Every query is scoped to the caller's organization: another organization's id is not found.
 */
export class IntegrationService {
  constructor(
    private readonly db: DataSource,
    private readonly secrets: SecretBox,
    private readonly audit: AuditService,
    private readonly ssrf: SsrfGuard,
    private readonly connectors: ConnectorFactory,
  ) {}

  async create(principal: Principal, input: CreateIntegrationBody, meta: RequestMeta): Promise<Integration> {
    requireMarketplaceWriter(principal, 'connect marketplaces');
    const now = new Date();
    const id = newId('int');
    const credentials = input.credentials as Credentials;
    await this.checkSellerUrl(input.marketplace, credentials);
    const row: IntegrationRow = {
      id,
      organizationId: principal.organizationId,
      marketplace: input.marketplace,
      name: input.name,
      credentialsSealed: this.secrets.sealJson(credentials, sealContext(principal.organizationId, id)),
      credentialsMasked: mask(input.marketplace, credentials),
      status: 'unverified',
      account: null,
      verifiedAt: null,
      lastError: null,
      createdAt: now,
      updatedAt: now,
    };
    await this.db.getRepository(IntegrationRow).insert(row as never);
    await this.record(principal, 'integration.created', row, meta);
    return toIntegration(row, null);
  }

  async list(principal: Principal): Promise<Integration[]> {
    const organizationId = principal.organizationId;
    const [rows, syncs] = await Promise.all([
      this.db
        .getRepository(IntegrationRow)
        .find({ where: { organizationId }, order: { createdAt: 'DESC', id: 'DESC' } }),
      this.db.getRepository(CatalogSyncRow).findBy({ organizationId }),
    ]);
    const syncOf = new Map(syncs.map((sync) => [sync.integrationId, sync]));
    return rows.map((row) => toIntegration(row, syncOf.get(row.id) ?? null));
  }

  async get(principal: Principal, id: string): Promise<Integration> {
    return this.withSync(await this.find(principal.organizationId, id));
  }

  async update(
    principal: Principal,
    id: string,
    input: UpdateIntegrationBody,
    meta: RequestMeta,
  ): Promise<Integration> {
    requireMarketplaceWriter(principal, 'change integrations');
    const row = await this.find(principal.organizationId, id);
    const change: Partial<IntegrationRow> = { updatedAt: new Date() };
    if (input.name !== undefined) change.name = input.name;
    if (input.credentials !== undefined) {
      const credentials = mergeCredentials(row, this.openOrEmpty(row), input.credentials);
      await this.checkSellerUrl(row.marketplace, credentials);
      Object.assign(change, {
        credentialsSealed: this.secrets.sealJson(credentials, sealContext(row.organizationId, row.id)),
        credentialsMasked: mask(row.marketplace, credentials),
        status: 'unverified',
        account: null,
        verifiedAt: null,
        lastError: null,
      });
    }
    await this.db
      .getRepository(IntegrationRow)
      .update({ id: row.id, organizationId: row.organizationId }, change as never);
    Object.assign(row, change);
    await this.record(principal, 'integration.updated', row, meta, {
      changed: Object.keys(input).filter((key) => input[key as keyof UpdateIntegrationBody] !== undefined),
    });
    return this.withSync(row);
  }

  async remove(principal: Principal, id: string, meta: RequestMeta): Promise<void> {
    requireMarketplaceWriter(principal, 'delete integrations');
    const row = await this.find(principal.organizationId, id);
    // The catalog goes with it; a sync still running notices its state row is gone and stops.
    await runInTransaction(this.db, async (manager) => {
      await manager.getRepository(CatalogSyncRow).delete({ integrationId: row.id });
      await deleteCatalog(manager, row.id);
      await manager.getRepository(IntegrationRow).delete({ id: row.id, organizationId: row.organizationId });
    });
    await this.record(principal, 'integration.deleted', row, meta);
  }

  /** Asks the marketplace whether the stored credentials work; records the outcome on the integration. */
  async verify(principal: Principal, id: string): Promise<VerifyIntegrationResponse> {
    requireMarketplaceWriter(principal, 'verify integrations');
    const row = requireUnpaused(await this.find(principal.organizationId, id));
    const repository = this.db.getRepository(IntegrationRow);
    try {
      const result = await this.connectorOf(row).verifyCredentials();
      const change: Partial<IntegrationRow> = {
        status: 'verified',
        account: result.account.slice(0, 255),
        verifiedAt: new Date(),
        lastError: null,
      };
      await repository.update({ id: row.id }, change as never);
      return {
        ok: true,
        account: result.account,
        details: result.details,
        integration: await this.withSync({ ...row, ...change }),
      };
    } catch (error) {
      if (!(error instanceof ConnectorError)) throw error;
      const refused = error.code === 'invalid_credentials' || error.code === 'forbidden';
      await repository.update({ id: row.id }, {
        lastError: marketplaceFailure(error),
        ...(refused ? { status: 'invalid' } : {}),
      } as never);
      throw marketplaceProblem(error);
    }
  }

  /** The integration and a connector for it (jobs and other services; not found across organizations). */
  async connect(organizationId: string, id: string): Promise<ConnectedIntegration> {
    const row = requireUnpaused(await this.find(organizationId, id));
    return { integration: await this.withSync(row), connector: this.connectorOf(row) };
  }

  /** The stored form of credentials for this row: sealed (bound to the row) and masked (the app link writes them). */
  storedCredentials(
    row: Pick<IntegrationRow, 'organizationId' | 'id' | 'marketplace'>,
    credentials: Credentials,
  ): Pick<IntegrationRow, 'credentialsSealed' | 'credentialsMasked'> {
    return {
      credentialsSealed: this.secrets.sealJson(credentials, sealContext(row.organizationId, row.id)),
      credentialsMasked: mask(row.marketplace, credentials),
    };
  }

  /**
   * A seller-chosen URL must reach a public address (the guard checks again at every connection);
   * an Amazon bridge must use HTTPS unless the operator allows private targets (a local bridge).
   */
  private async checkSellerUrl(
    marketplace: IntegrationRow['marketplace'],
    credentials: Credentials,
  ): Promise<void> {
    if (!SELLER_URL_MARKETPLACES.includes(marketplace)) return;
    try {
      const url = await this.ssrf.checkUrl(credentials.url!);
      if (marketplace === 'amazon-bridge' && url.protocol !== 'https:' && !this.ssrf.allowPrivate)
        throw new BlockedUrlError('must use https');
    } catch (error) {
      if (!(error instanceof BlockedUrlError)) throw error;
      throw invalidParameter('credentials.url', error.reason);
    }
  }

  private async withSync(row: IntegrationRow): Promise<Integration> {
    return toIntegration(
      row,
      await this.db.getRepository(CatalogSyncRow).findOneBy({ integrationId: row.id }),
    );
  }

  private connectorOf(row: IntegrationRow): MarketplaceConnector {
    return this.connectors(row.marketplace, this.open(row), {
      // A refreshed Shopify token replaces the stored one before it is used: the old refresh token is spent.
      onRefreshed: async (credentials) => {
        await this.db
          .getRepository(IntegrationRow)
          .update({ id: row.id, organizationId: row.organizationId }, { ...this.storedCredentials(row, credentials), updatedAt: new Date() });
      },
    });
  }

  private open(row: IntegrationRow): Credentials {
    try {
      return this.secrets.openJson<Credentials>(
        row.credentialsSealed,
        sealContext(row.organizationId, row.id),
      );
    } catch (error) {
      if (!(error instanceof SecretBoxError)) throw error;
      throw new AppError(
        'conflict',
        'The stored credentials cannot be decrypted (was SECRETS_KEY changed?); enter them again with PATCH.',
        {
          cause: error,
        },
      );
    }
  }

  /** The stored credentials, or none when they cannot be decrypted (a PATCH then has to send them all). */
  private openOrEmpty(row: IntegrationRow): Credentials {
    try {
      return this.open(row);
    } catch (error) {
      if (error instanceof AppError && error.code === 'conflict') return {};
      throw error;
    }
  }

  private async find(organizationId: string, id: string): Promise<IntegrationRow> {
    const row = await this.db.getRepository(IntegrationRow).findOneBy({ id, organizationId });
    if (!row) throw notFound('Integration');
    return row;
  }

  private async record(
    principal: Principal,
    action: string,
    row: IntegrationRow,
    meta: RequestMeta,
    metadata: Record<string, unknown> = {},
  ) {
    const actor = actorOf(principal);
    await this.audit.record({
      organizationId: row.organizationId,
      action,
      actorUserId: actor.userId,
      actorKeyId: actor.keyId,
      targetType: 'integration',
      targetId: row.id,
      ip: meta.ip,
      metadata: { marketplace: row.marketplace, name: row.name, ...metadata },
    });
  }
}

/** A paused integration (its Shopify app uninstalled, credentials wiped) is not used until the app is installed again. */
function requireUnpaused(row: IntegrationRow): IntegrationRow {
  if (row.status !== 'paused') return row;
  throw new AppError('conflict', 'This integration is paused (the Shopify app was uninstalled); install the app again to resume.', {
    extra: { integration_status: 'paused' },
  });
}

/** Sessions need the developer role to change integrations; API keys are checked for their scope by the route. */
export function requireMarketplaceWriter(principal: Principal, action: string): void {
  if (principal.kind === 'session') requireRole(principal, 'developer', action);
}

const sealContext = (organizationId: string, id: string) =>
  `integrations/${organizationId}/${id}/credentials`;

/** Store locators in clear; anything else as `…` + its last 4 characters (only `…` when it is short). */
export function mask(
  marketplace: IntegrationRow['marketplace'],
  credentials: Credentials,
): Record<string, string> {
  const clear = CLEAR_CREDENTIAL_FIELDS[marketplace];
  return Object.fromEntries(
    Object.entries(credentials).map(([field, value]) => [
      field,
      clear.includes(field) ? value : value.length >= 16 ? `…${value.slice(-4)}` : '…',
    ]),
  );
}

function mergeCredentials(
  row: IntegrationRow,
  stored: Credentials,
  change: Record<string, string | null>,
): Credentials {
  const merged: Record<string, string> = { ...stored };
  for (const [field, value] of Object.entries(change)) {
    if (value === null) delete merged[field];
    else merged[field] = value;
  }
  const parsed = CREDENTIAL_SCHEMAS[row.marketplace].safeParse(merged);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((issue) => ({
      field: ['credentials', ...issue.path].join('.'),
      message: issue.message,
    }));
    throw new AppError(
      'invalid_parameter',
      errors.map((error) => `${error.field}: ${error.message}`).join('; '),
      { errors },
    );
  }
  return parsed.data as Credentials;
}

function toIntegration(row: IntegrationRow, sync: CatalogSyncRow | null): Integration {
  return {
    id: row.id,
    marketplace: row.marketplace,
    name: row.name,
    credentials: row.credentialsMasked,
    status: row.status,
    account: row.account,
    verified_at: row.verifiedAt?.toISOString() ?? null,
    last_error: row.lastError,
    sync: sync && toCatalogSync(sync),
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}
