import { useEffect, useId } from 'react';

/**
 * Focuses a dialog's first field when it opens, and marks it `autofocus` so Polaris' focus trap (which moves
 * focus to the dialog once its opening transition ends, unless an element has that attribute) leaves it there:
 * the user can type at once without losing the first keystrokes. Returns the id to give the field.
 */
export function useAutofocus(active: boolean): string {
  const id = `autofocus-${useId().replace(/:/g, '')}`;
  useEffect(() => {
    if (!active) return;
    const field = document.getElementById(id);
    field?.setAttribute('autofocus', '');
    field?.focus();
  }, [active, id]);
  return id;
}
