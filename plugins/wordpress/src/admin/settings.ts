import apiFetch from '@wordpress/api-fetch';
import domReady from '@wordpress/dom-ready';
import { describeError } from '../lib/errors';
import { describeUsage, describeValidation, type UsageSnapshot, type ValidationResult } from './format';

/** Settings → Pixport: "Validate" and the usage snapshot, through the plugin's REST routes. */
domReady(() => {
  const result = document.getElementById('pixport-validation');
  const button = document.getElementById('pixport-validate') as HTMLButtonElement | null;
  const usage = document.getElementById('pixport-usage');
  if (!result || !button || !usage) return;

  const showValidation = (validation: ValidationResult) => {
    const { tone, lines } = describeValidation(validation);
    result.className = `notice notice-${tone} inline pixport-validation-${tone}`;
    result.replaceChildren(...lines.map((line) => paragraph(line)));
  };
  const validate = async () => {
    button.disabled = true;
    try {
      showValidation(
        await apiFetch<ValidationResult>({ path: '/pixport/v1/settings/validate', method: 'POST' }),
      );
    } catch (error) {
      result.className = 'notice notice-error inline pixport-validation-error';
      result.replaceChildren(paragraph(describeError(error).message));
    } finally {
      button.disabled = false;
    }
  };
  button.addEventListener('click', validate);

  const cached = result.dataset.cached
    ? (JSON.parse(result.dataset.cached) as ValidationResult | null)
    : null;
  if (cached) showValidation(cached);
  // Just saved, nothing cached yet, or the hub was not reachable last time (it may be back): validate at
  // once. (WordPress strips `settings-updated` from the address bar before scripts run, so the page says it.)
  if (!button.disabled && (result.dataset.justSaved === '1' || !cached || cached.transient === true))
    void validate();

  if (usage.dataset.enabled === '1') {
    apiFetch<UsageSnapshot>({ path: '/pixport/v1/usage' })
      .then((snapshot) => {
        const { summary, rows } = describeUsage(snapshot);
        const table = document.createElement('table');
        table.className = 'widefat striped pixport-usage-table';
        table.append(
          row('th', ['Operation', 'Requests', 'Errors', 'Images reported']),
          ...rows.map((cells) => row('td', cells)),
        );
        usage.replaceChildren(paragraph(summary), table);
      })
      .catch((error: unknown) => usage.replaceChildren(paragraph(describeError(error).message)));
  }
});

function paragraph(text: string): HTMLParagraphElement {
  const p = document.createElement('p');
  p.textContent = text;
  return p;
}

function row(cell: 'th' | 'td', values: string[]): HTMLTableRowElement {
  const tr = document.createElement('tr');
  for (const value of values) {
    const node = document.createElement(cell);
    node.textContent = value;
    tr.append(node);
  }
  return tr;
}
