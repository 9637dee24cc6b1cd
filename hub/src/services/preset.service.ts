import type { DataSource } from 'typeorm';
import {
  OPERATION_PARAM_SCHEMAS,
  TASK_WEBHOOK_EVENTS,
  marketplaceName,
  resolveOperation,
  type CreatePresetBody,
  type OperationName,
  type Preset,
  type TaskWebhookEvent,
  type UpdatePresetBody,
} from '@pixport/shared';
import { PresetRow } from '../db/entities/preset.entity.js';
import { isUniqueViolation } from '../db/unique-violation.js';
import { AppError, invalidParameter, notFound, type FieldError } from '../errors.js';
import type { SavedPreset } from '../http/operation-request.js';
import { newId } from '../lib/ids.js';
import type { SecretBox } from '../lib/secret-box.js';
import { checkUrlField, type SsrfGuard } from '../lib/ssrf-guard.js';
import type { AuditService } from './audit.service.js';
import { requireRole, type Principal, type RequestMeta } from './principal.js';

const MAX_PRESETS = 200;
const secretContext = (id: string) => `presets.webhook_secret:${id}`;

/**
 * Saved automation presets: an operation with its parameters (validated against the operation's
 * schema when saved) and an optional callback for tasks submitted with it. `preset=<id or name>` on
 * a sync call or a task submission applies one (the operation-request reader; explicit fields win).
 */
export class PresetService {
  constructor(
    private readonly db: DataSource,
    private readonly secrets: SecretBox,
    private readonly guard: SsrfGuard,
    private readonly audit: AuditService,
  ) {}

  async create(principal: Principal, body: CreatePresetBody, meta: RequestMeta): Promise<Preset> {
    mayManage(principal);
    const operation = resolveOperation(body.operation)!;
    checkName(body.name);
    const params = checkParams(operation, body.params);
    if (body.webhook_url === undefined && (body.webhook_events || body.webhook_secret)) throw invalidParameter('webhook_url', 'required with webhook_events or webhook_secret');
    const count = await this.db.getRepository(PresetRow).countBy({ organizationId: principal.organizationId });
    if (count >= MAX_PRESETS) throw new AppError('conflict', `An organization has at most ${MAX_PRESETS} presets.`);
    const now = new Date();
    const id = newId('pre');
    const row: PresetRow = {
      id,
      organizationId: principal.organizationId,
      name: body.name,
      operation,
      params,
      webhookUrl: body.webhook_url === undefined ? null : await this.checkUrl(body.webhook_url),
      webhookEvents: body.webhook_url === undefined ? null : [...new Set(body.webhook_events ?? TASK_WEBHOOK_EVENTS)],
      webhookSecretSealed: body.webhook_secret ? this.secrets.seal(body.webhook_secret, secretContext(id)) : null,
      createdAt: now,
      updatedAt: now,
    };
    // JSON text column: TypeORM's deep-partial type cannot express `unknown` values.
    await this.save(() => this.db.getRepository(PresetRow).insert(row as never), body.name);
    await this.record(principal, 'preset.created', id, meta, { name: row.name, operation });
    return toPreset(row);
  }

  async list(principal: Principal): Promise<Preset[]> {
    const rows = await this.db.getRepository(PresetRow).find({ where: { organizationId: principal.organizationId }, order: { name: 'ASC' } });
    return rows.map(toPreset);
  }

  async get(principal: Principal, id: string): Promise<Preset> {
    return toPreset(await this.find(principal.organizationId, id));
  }

  async update(principal: Principal, id: string, body: UpdatePresetBody, meta: RequestMeta): Promise<Preset> {
    mayManage(principal);
    const row = await this.find(principal.organizationId, id);
    const changes: Partial<PresetRow> = { updatedAt: new Date() };
    if (body.name !== undefined) changes.name = checkName(body.name);
    if (body.params !== undefined) changes.params = checkParams(row.operation as OperationName, body.params);
    if (body.webhook_url === null) Object.assign(changes, { webhookUrl: null, webhookEvents: null, webhookSecretSealed: null });
    else {
      if (body.webhook_url !== undefined) changes.webhookUrl = await this.checkUrl(body.webhook_url);
      const hasUrl = (changes.webhookUrl ?? row.webhookUrl) !== null;
      if (!hasUrl && (body.webhook_events || body.webhook_secret)) throw invalidParameter('webhook_url', 'required with webhook_events or webhook_secret');
      if (body.webhook_events) changes.webhookEvents = [...new Set(body.webhook_events)];
      else if (body.webhook_url !== undefined && !row.webhookEvents) changes.webhookEvents = [...TASK_WEBHOOK_EVENTS];
      if (body.webhook_secret === null) changes.webhookSecretSealed = null;
      else if (body.webhook_secret !== undefined) changes.webhookSecretSealed = this.secrets.seal(body.webhook_secret, secretContext(row.id));
    }
    await this.save(() => this.db.getRepository(PresetRow).update({ id: row.id }, changes as never), changes.name ?? row.name);
    await this.record(principal, 'preset.updated', id, meta, { changed: Object.keys(body) });
    return toPreset({ ...row, ...changes });
  }

  async remove(principal: Principal, id: string, meta: RequestMeta): Promise<void> {
    mayManage(principal);
    const row = await this.find(principal.organizationId, id);
    await this.db.getRepository(PresetRow).delete({ id: row.id });
    await this.record(principal, 'preset.deleted', id, meta, { name: row.name });
  }

  /** The organization's preset with this id or name, as the operation-request reader applies it. */
  async lookup(organizationId: string, ref: string): Promise<SavedPreset | undefined> {
    const repository = this.db.getRepository(PresetRow);
    const row = ref.startsWith('pre_')
      ? await repository.findOneBy({ organizationId, id: ref })
      : await repository.findOneBy({ organizationId, name: ref });
    if (!row) return undefined;
    return {
      id: row.id,
      name: row.name,
      operation: row.operation as OperationName,
      params: row.params,
      callback: row.webhookUrl
        ? {
            url: row.webhookUrl,
            events: (row.webhookEvents ?? [...TASK_WEBHOOK_EVENTS]) as TaskWebhookEvent[],
            secret: row.webhookSecretSealed ? this.secrets.open(row.webhookSecretSealed, secretContext(row.id)) : undefined,
          }
        : null,
    };
  }

  private async find(organizationId: string, id: string): Promise<PresetRow> {
    const row = await this.db.getRepository(PresetRow).findOneBy({ organizationId, id });
    if (!row) throw notFound('Preset');
    return row;
  }

  private checkUrl(url: string): Promise<string> {
    return checkUrlField(this.guard, url, 'webhook_url');
  }

  private async save(write: () => Promise<unknown>, name: string): Promise<void> {
    try {
      await write();
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('conflict', `A preset named "${name}" exists already.`, { extra: { field: 'name' } });
      throw error;
    }
  }

  private record(principal: Principal, action: string, targetId: string, meta: RequestMeta, metadata: Record<string, unknown>) {
    return this.audit.recordFor(principal, { action, targetType: 'preset', targetId, ip: meta.ip, metadata });
  }
}

/** A name must not read as a preset id or a marketplace preset, so `preset=<ref>` is never ambiguous. */
function checkName(name: string): string {
  if (name.startsWith('pre_')) throw invalidParameter('name', 'must not start with pre_ (preset ids do)');
  if (marketplaceName.safeParse(name).success) throw invalidParameter('name', `"${name}" is a marketplace preset; choose another name`);
  return name;
}

/** The parameters as given, if the operation's schema accepts them (unknown ones included): 422 naming each. */
function checkParams(operation: OperationName, params: Record<string, unknown>): Record<string, unknown> {
  const kept = Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined && value !== null && value !== ''));
  const result = OPERATION_PARAM_SCHEMAS[operation].strict().safeParse(kept);
  if (result.success) return kept;
  const errors: FieldError[] = result.error.issues.map((issue) => ({
    field: ['params', ...issue.path].join('.'),
    message: issue.code === 'unrecognized_keys' ? `unknown parameter(s) of ${operation}: ${issue.keys.join(', ')}` : issue.message,
  }));
  throw new AppError('invalid_parameter', errors.map((error) => `${error.field}: ${error.message}`).join('; '), { errors });
}

function toPreset(row: PresetRow): Preset {
  return {
    id: row.id,
    name: row.name,
    operation: row.operation,
    params: row.params,
    webhook: row.webhookUrl ? { url: row.webhookUrl, events: (row.webhookEvents ?? []) as TaskWebhookEvent[], has_secret: row.webhookSecretSealed !== null } : null,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

/** Dashboard viewers read; developers and above manage. API keys need `presets:manage` (checked by the route). */
function mayManage(principal: Principal): void {
  if (principal.kind === 'session') requireRole(principal, 'developer', 'manage presets');
}
