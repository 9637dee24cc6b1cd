import type { File } from 'formidable';
import {
  MARKETPLACE_PRESETS,
  OPERATION_INPUTS,
  OPERATION_PARAM_SCHEMAS,
  PRESET_OPERATIONS,
  marketplaceName,
  operationNames,
  resolveOperation,
  type InputField,
  type MarketplaceName,
  type OperationName,
  type TaskWebhookEvent,
} from '@pixport/shared';
import type { AppContext } from '../context.js';
import { AppError, type FieldError } from '../errors.js';
import { uploadedBytes } from '../middleware/body.js';
import {
  engineInput,
  inspectInput,
  parseParams,
  type MediaType,
  type OperationInput,
  type ProcessingLimits,
} from '../processing/index.js';

/** One uploaded file as received: its bytes and the client's name for it. */
export interface UploadPart {
  data: Buffer;
  filename: string | null;
}

/** One uploaded file of a request, checked by content. */
export interface RequestFile {
  /** The field and index it came in, as named in errors: `image`, `frames[2]`. */
  field: string;
  /** The client's file name (untrusted; for display and download names only). */
  filename: string | null;
  bytes: number;
  media: MediaType;
  data: Buffer;
}

/** A request turned into an engine call: what the sync routes run and the async routes queue. */
export interface OperationRequest {
  operation: OperationName;
  /** Validated by the operation's schema, a preset already expanded into explicit fields: JSON-safe. */
  params: Record<string, unknown>;
  /** The files in the order the engine takes them (`runOperation(operation, inputs, params)`). */
  inputs: OperationInput;
  files: RequestFile[];
  /** The marketplace preset the request named (or its saved preset did), if any. */
  preset: MarketplaceName | null;
  /** The saved preset the request named (`preset=<id or name>`), if any: its callback serves task submissions. */
  savedPreset: Pick<SavedPreset, 'id' | 'name' | 'callback'> | null;
  /** Fields the caller allowed besides the operation's parameters (`extraFields`), by name. */
  extras: Record<string, unknown>;
}

/** A saved preset as the reader applies it (see PresetService). */
export interface SavedPreset {
  id: string;
  name: string;
  operation: OperationName;
  params: Record<string, unknown>;
  callback: { url: string; events: TaskWebhookEvent[]; secret?: string } | null;
}

/** Finds the caller's saved preset by id or name. */
export type SavedPresetLookup = (ref: string) => Promise<SavedPreset | undefined>;

/** Downloads a user-supplied URL (through the SSRF guard); `field` names it in errors. */
export type FetchUrl = (url: string, field: string) => Promise<UploadPart>;

export interface ReadOptions {
  limits: ProcessingLimits;
  /**
   * Enables `<file field>_url` fields (`image_url`, `background_url`, `video_url`) and JSON bodies that
   * name their files by URL; without it only uploaded files are taken.
   */
  fetchUrl?: FetchUrl;
  /** Non-parameter fields the route itself reads (e.g. `webhook_url`); any other unknown field is a 422. */
  extraFields?: readonly string[];
  /** Resolves `preset=<id or name>` to a saved preset (default in a request: the caller organization's). */
  savedPresets?: SavedPresetLookup;
}

type Fields = Record<string, unknown>;
type Files = Record<string, UploadPart | UploadPart[]>;

const MULTIPART_ONLY =
  'Send multipart/form-data: the file(s) as file fields and the parameters as form fields (see the API guide).';
const MULTIPART_OR_JSON =
  'Send multipart/form-data (files as file fields, parameters as form fields), or JSON naming the files by URL (`image_url`).';

/**
 * The one reader of operation requests, for sync endpoints and async task submission alike.
 * Takes koa-body's parsed multipart request: files (`image`, `frames[]`, `video`, `background`) and
 * form fields (the operation's parameters, `preset`) — or, with `fetchUrl`, files named by URL
 * (`image_url`, in a form or a JSON body). Answers 415 for another body type or a file that is not
 * what the field takes, 422 naming every bad field, 400/413 for unreadable or too large files —
 * before anything runs or is queued.
 */
export async function readOperationRequest(
  ctx: AppContext,
  nameOrAlias: string,
  options: ReadOptions,
): Promise<OperationRequest> {
  const operation = resolveOperation(nameOrAlias);
  if (!operation) throw new AppError('not_found', `Unknown operation ${nameOrAlias}.`);
  const json = options.fetchUrl !== undefined && ctx.is('json') === 'json';
  if (!ctx.is('multipart') && !json)
    throw new AppError('unsupported_media_type', options.fetchUrl ? MULTIPART_OR_JSON : MULTIPART_ONLY);
  const body: unknown = ctx.request.body ?? {};
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new AppError('invalid_body', 'The JSON body must be an object.');
  const fields = normalizeNames(body as Fields);
  const files = normalizeNames<UploadPart>(
    Object.fromEntries(
      Object.entries(ctx.request.files ?? {}).map(([name, value]) => [
        name,
        Array.isArray(value) ? value.map(partOf) : partOf(value),
      ]),
    ),
  );
  const principal = ctx.state.principal;
  const presets = ctx.state.presets;
  const savedPresets = options.savedPresets ?? (presets && principal ? (ref: string) => presets.lookup(principal.organizationId, ref) : undefined);
  return buildOperationRequest(operation, fields, files, { ...options, savedPresets });
}

/**
 * The operation a form field names (`operation` on `POST /api/v1/jobs`), canonical or a seed alias:
 * 415 for a non-multipart body, 422 when the field is missing or names no operation.
 */
export function operationFromField(ctx: AppContext, field = 'operation'): OperationName {
  if (!ctx.is('multipart')) throw new AppError('unsupported_media_type', MULTIPART_ONLY);
  const value = (ctx.request.body as Fields | undefined)?.[field];
  const operation = typeof value === 'string' ? resolveOperation(value) : undefined;
  if (!operation) {
    const message = `${value === undefined || value === '' ? 'required' : 'unknown operation'}: one of ${operationNames.join(', ')}`;
    throw new AppError('invalid_parameter', `${field}: ${message}`, { errors: [{ field, message }] });
  }
  return operation;
}

const partOf = (file: File): UploadPart => ({
  data: uploadedBytes(file),
  filename: file.originalFilename ?? null,
});

/** The reader without Koa: fields and files keyed by their normalised names (`frames[]` → `frames`). */
export async function buildOperationRequest(
  operation: OperationName,
  fields: Fields,
  files: Files,
  options: ReadOptions,
): Promise<OperationRequest> {
  const schema = OPERATION_PARAM_SCHEMAS[operation];
  const paramNames = new Set(Object.keys(schema.shape));
  const extraNames = new Set(options.extraFields ?? []);
  const specs = OPERATION_INPUTS[operation];
  const errors: FieldError[] = [];

  const raw: Fields = {};
  const extras: Fields = {};
  const urls = new Map<InputField, string>();
  for (const [name, value] of Object.entries(fields)) {
    if (value === '') continue; // an empty form field means "not set"
    const urlOf = options.fetchUrl && specs.find((spec) => !spec.count && urlField(spec) === name);
    if (paramNames.has(name) || name === 'preset') raw[name] = value;
    else if (extraNames.has(name)) extras[name] = value;
    else if (urlOf) {
      if (typeof value === 'string') urls.set(urlOf, value);
      else errors.push({ field: name, message: 'must be a URL' });
    } else if (specFor(specs, name))
      errors.push({ field: name, message: 'must be a file upload, not a text field' });
    else errors.push({ field: name, message: `unknown field for ${operation}` });
  }
  const savedPreset = await applySavedPreset(operation, raw, options.savedPresets, errors);
  const uploads = collectUploads(specs, files, paramNames, errors, options.limits, urls);
  const background = specs.find((spec) => spec.field === 'background');
  if (background) inferBackgroundKind(raw, uploads.has(background) || urls.has(background), errors);
  const preset = expandPreset(operation, raw, paramNames, errors);
  let params: Record<string, unknown> = {};
  try {
    params = parseParams(schema, raw) as Record<string, unknown>;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    errors.push(...(error.options.errors ?? []));
  }
  if (errors.length > 0) {
    throw new AppError(
      'invalid_parameter',
      errors.map((error) => `${error.field}: ${error.message}`).join('; '),
      { errors },
    );
  }

  const all: RequestFile[] = [];
  for (const spec of specs) {
    const list = uploads.get(spec);
    const url = urls.get(spec);
    if (list)
      all.push(
        ...(await Promise.all(
          list.map((file, index) =>
            checkUpload(file, spec.kind, spec.count ? `${spec.field}[${index}]` : spec.field, options.limits),
          ),
        )),
      );
    else if (url !== undefined)
      all.push(
        await checkUpload(
          await options.fetchUrl!(url, urlField(spec)),
          spec.kind,
          urlField(spec),
          options.limits,
        ),
      );
  }
  return {
    operation,
    params,
    inputs: engineInput(
      operation,
      all.map((file) => file.data),
    ),
    files: all,
    preset,
    savedPreset: savedPreset && { id: savedPreset.id, name: savedPreset.name, callback: savedPreset.callback },
    extras,
  };
}

/** `frames[]` → `frames`; a repeated field keeps its array. */
function normalizeNames<T>(record: Record<string, T | T[]>): Record<string, T | T[]> {
  const out: Record<string, T | T[]> = {};
  for (const [name, value] of Object.entries(record)) {
    const plain = name.endsWith('[]') ? name.slice(0, -2) : name;
    const list = [...toList(out[plain]), ...toList(value)];
    out[plain] = list.length === 1 && !Array.isArray(value) && !name.endsWith('[]') ? list[0]! : list;
  }
  return out;
}

const toList = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

const urlField = (spec: InputField) => `${spec.field}_url`;

function specFor(specs: InputField[], name: string): InputField | undefined {
  return specs.find((spec) => spec.field === name || spec.aliases?.includes(name));
}

/** Matches uploaded files to the operation's input fields; notes missing, extra and miscounted files. */
function collectUploads(
  specs: InputField[],
  files: Files,
  paramNames: Set<string>,
  errors: FieldError[],
  limits: ProcessingLimits,
  urls: Map<InputField, string>,
): Map<InputField, UploadPart[]> {
  const byField = new Map<InputField, UploadPart[]>();
  for (const [name, value] of Object.entries(files)) {
    const list = toList(value);
    const spec = specFor(specs, name);
    if (!spec) {
      const expected = specs.map((candidate) => `\`${candidate.field}\``).join(' or ');
      errors.push({
        field: name,
        message: paramNames.has(name)
          ? 'must be a form value, not a file'
          : `unexpected file; send ${expected}`,
      });
      continue;
    }
    byField.set(spec, [...(byField.get(spec) ?? []), ...list]);
  }
  const out = new Map<InputField, UploadPart[]>();
  for (const spec of specs) {
    const list = byField.get(spec) ?? [];
    const max = spec.count ? Math.min(spec.count.max, limits.maxFrames) : 1;
    const min = spec.count?.min ?? (spec.required ? 1 : 0);
    if (list.length > 0 && urls.has(spec))
      errors.push({
        field: urlField(spec),
        message: `send either the file \`${spec.field}\` or its URL, not both`,
      });
    else if (list.length === 0 && spec.required && !urls.has(spec))
      errors.push({ field: spec.field, message: `required: ${spec.description}` });
    else if (list.length > 0 && (list.length < min || list.length > max)) {
      errors.push({
        field: spec.field,
        message: spec.count ? `send ${min} to ${max} files (got ${list.length})` : 'send exactly one file',
      });
    }
    if (list.length > 0) out.set(spec, list);
  }
  return out;
}

/** A background file means `kind=image` unless another kind is named, which contradicts it. */
function inferBackgroundKind(raw: Fields, hasBackground: boolean, errors: FieldError[]): void {
  if (hasBackground && raw.kind === undefined) raw.kind = 'image';
  else if (hasBackground && raw.kind !== 'image')
    errors.push({ field: 'background', message: 'a background file needs kind=image' });
  else if (!hasBackground && raw.kind === 'image')
    errors.push({ field: 'background', message: 'kind=image needs a background file' });
}

/**
 * `preset=<id or name of a saved preset>`: its parameters fill every field the request did not set
 * (explicit fields win); a marketplace preset among them is expanded next, like one the request named.
 */
async function applySavedPreset(
  operation: OperationName,
  raw: Fields,
  lookup: SavedPresetLookup | undefined,
  errors: FieldError[],
): Promise<SavedPreset | null> {
  const ref = raw.preset;
  if (!lookup || typeof ref !== 'string' || marketplaceName.safeParse(ref).success) return null;
  delete raw.preset;
  const saved = await lookup(ref);
  if (!saved) {
    errors.push({ field: 'preset', message: `no saved preset or marketplace preset named ${JSON.stringify(ref.slice(0, 100))}` });
    return null;
  }
  if (saved.operation !== operation) {
    errors.push({ field: 'preset', message: `preset "${saved.name}" is for ${saved.operation}, not ${operation}` });
    return null;
  }
  for (const [name, value] of Object.entries(saved.params)) if (raw[name] === undefined) raw[name] = value;
  return saved;
}

/**
 * `preset=<marketplace>` fills every field of the marketplace's defaults that the operation has and
 * the request did not set (explicit fields win); compliance checks that marketplace by default.
 * The expansion is written into the params, so a queued task keeps the preset's values of today.
 */
function expandPreset(
  operation: OperationName,
  raw: Fields,
  paramNames: Set<string>,
  errors: FieldError[],
): MarketplaceName | null {
  if (raw.preset === undefined) return null;
  const value = raw.preset;
  delete raw.preset;
  if (!PRESET_OPERATIONS.includes(operation)) {
    errors.push({
      field: 'preset',
      message: `not supported by ${operation} (supported by ${PRESET_OPERATIONS.join(', ')})`,
    });
    return null;
  }
  const parsed = marketplaceName.safeParse(value);
  if (!parsed.success) {
    errors.push({ field: 'preset', message: parsed.error.issues[0]!.message });
    return null;
  }
  const defaults: Record<string, unknown> = MARKETPLACE_PRESETS[parsed.data].process;
  for (const [name, fallback] of Object.entries(defaults)) {
    if (paramNames.has(name) && raw[name] === undefined) raw[name] = fallback;
  }
  if (operation === 'compliance' && raw.marketplace === undefined) raw.marketplace = parsed.data;
  if (paramNames.has('preset')) raw.preset = parsed.data;
  return parsed.data;
}

async function checkUpload(
  file: UploadPart,
  kind: InputField['kind'],
  field: string,
  limits: ProcessingLimits,
): Promise<RequestFile> {
  const media = await inspectInput(file.data, kind, limits, field);
  return { field, filename: file.filename, bytes: file.data.length, media, data: file.data };
}
