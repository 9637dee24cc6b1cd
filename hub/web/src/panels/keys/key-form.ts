import { SCOPES, type CreateKeyBody, type KeySummary, type Scope } from '@pixport/shared';

/** The create-key form's state, as the user sets it. */
export interface KeyForm {
  name: string;
  mode: 'live' | 'test';
  access: 'all' | 'chosen';
  scopes: Scope[];
  /** 'never', a number of days, or 'date' (then `date`, YYYY-MM-DD, expires at the end of that UTC day). */
  expiry: 'never' | '7' | '30' | '90' | '365' | 'date';
  date: string;
}

export const EMPTY_KEY_FORM: KeyForm = {
  name: '',
  // Exploring should not spend the plan's credits: a new key is a test key unless Live is chosen.
  mode: 'test',
  access: 'all',
  scopes: [],
  expiry: 'never',
  date: '',
};

export const SCOPE_LIST = (Object.entries(SCOPES) as Array<[Scope, string]>).map(([scope, explanation]) => ({
  scope,
  explanation,
}));

export const EXPIRY_OPTIONS: Array<{ label: string; value: KeyForm['expiry'] }> = [
  { label: 'Never', value: 'never' },
  { label: 'In 7 days', value: '7' },
  { label: 'In 30 days', value: '30' },
  { label: 'In 90 days', value: '90' },
  { label: 'In 1 year', value: '365' },
  { label: 'On a date…', value: 'date' },
];

export type KeyFormResult =
  | { body: CreateKeyBody; problems?: undefined }
  | { body?: undefined; problems: Partial<Record<'name' | 'scopes' | 'date', string>> };

/** The create-key request for a form, or what the user must fix first. */
export function keyRequest(form: KeyForm, now = new Date()): KeyFormResult {
  const problems: Partial<Record<'name' | 'scopes' | 'date', string>> = {};
  const name = form.name.trim();
  if (!name) problems.name = 'Give the key a name, e.g. where it is used.';
  else if (name.length > 100) problems.name = 'At most 100 characters.';
  if (form.access === 'chosen' && form.scopes.length === 0)
    problems.scopes = 'Choose at least one scope, or give full access.';
  let expiresAt: string | undefined;
  if (form.expiry === 'date') {
    const end = /^\d{4}-\d{2}-\d{2}$/.test(form.date) ? new Date(`${form.date}T23:59:59.000Z`) : undefined;
    if (!end || Number.isNaN(end.getTime()) || !end.toISOString().startsWith(form.date)) {
      problems.date = 'Pick the last day the key works.';
    } else if (end.getTime() <= now.getTime()) problems.date = 'Pick a day in the future.';
    else expiresAt = end.toISOString();
  } else if (form.expiry !== 'never') {
    expiresAt = new Date(now.getTime() + Number(form.expiry) * 86_400_000).toISOString();
  }
  if (Object.keys(problems).length > 0) return { problems };
  const scopes =
    form.access === 'all'
      ? []
      : SCOPE_LIST.map(({ scope }) => scope).filter((scope) => form.scopes.includes(scope));
  return { body: { name, mode: form.mode, scopes, ...(expiresAt ? { expires_at: expiresAt } : {}) } };
}

export const GRACE_OPTIONS = [
  { label: 'Immediately: the old key stops working now', value: '0' },
  { label: 'After 1 hour', value: String(3600) },
  { label: 'After 24 hours', value: String(86400) },
  { label: 'After 7 days', value: String(7 * 86400) },
];

/** What happens to the old key when rotating with `graceSeconds`, in one sentence. */
export function rotationOutcome(
  key: Pick<KeySummary, 'masked' | 'expires_at'>,
  graceSeconds: number,
  now = new Date(),
): string {
  if (graceSeconds === 0) {
    return `${key.masked} is revoked at once: requests with it answer 401 key_revoked. Deploy the new key right away.`;
  }
  const graceEnd = now.getTime() + graceSeconds * 1000;
  const end = key.expires_at && Date.parse(key.expires_at) < graceEnd ? Date.parse(key.expires_at) : graceEnd;
  const when = new Date(end).toISOString().replace('T', ' ').slice(0, 16);
  return `${key.masked} keeps working until ${when} UTC, then answers 401 key_expired. Deploy the new key before then.`;
}

/** The scopes of a key as people read them. */
export function scopeText(scopes: readonly string[]): string {
  return scopes.length === 0 ? 'All scopes' : scopes.join(', ');
}
