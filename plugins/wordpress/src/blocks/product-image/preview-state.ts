/**
 * The block's preview flow as a reducer: pick → process (preview) → keep (insert or save) or discard.
 * A new source image or a changed option invalidates a preview so a stale result is never kept.
 */
export interface Preview {
  token: string;
  url: string;
  before_url: string;
  width: number | null;
  height: number | null;
  bytes: number;
}

export interface SavedAttachment {
  id: number;
  url: string;
  alt: string;
  width: number;
  height: number;
  edit_url: string;
}

export type PreviewState =
  | { status: 'idle' }
  | { status: 'processing' }
  | { status: 'ready'; preview: Preview }
  | { status: 'saving'; preview: Preview; insert: boolean }
  | { status: 'saved'; preview: Preview; attachment: SavedAttachment }
  | { status: 'error'; message: string; retryAfter?: number; needsSettings: boolean; preview?: Preview };

export type PreviewAction =
  | { type: 'process' }
  | { type: 'processed'; preview: Preview }
  | { type: 'save'; insert: boolean }
  | { type: 'saved'; attachment: SavedAttachment }
  | { type: 'failed'; message: string; retryAfter?: number; needsSettings: boolean }
  | { type: 'reset' };

export const initialPreviewState: PreviewState = { status: 'idle' };

export function previewReducer(state: PreviewState, action: PreviewAction): PreviewState {
  switch (action.type) {
    case 'process':
      return state.status === 'processing' || state.status === 'saving' ? state : { status: 'processing' };
    case 'processed':
      return state.status === 'processing' ? { status: 'ready', preview: action.preview } : state;
    case 'save':
      return state.status === 'ready' || (state.status === 'error' && state.preview)
        ? { status: 'saving', preview: state.preview as Preview, insert: action.insert }
        : state;
    case 'saved':
      return state.status === 'saving'
        ? { status: 'saved', preview: state.preview, attachment: action.attachment }
        : state;
    case 'failed': {
      // A failed save keeps the preview so the user can retry keeping it without reprocessing.
      const preview = state.status === 'saving' ? state.preview : undefined;
      return {
        status: 'error',
        message: action.message,
        retryAfter: action.retryAfter,
        needsSettings: action.needsSettings,
        preview,
      };
    }
    case 'reset':
      return initialPreviewState;
  }
}

export function isBusy(state: PreviewState): boolean {
  return state.status === 'processing' || state.status === 'saving';
}

/** The preview the user may keep now, if any. */
export function keepablePreview(state: PreviewState): Preview | undefined {
  if (state.status === 'ready') return state.preview;
  if (state.status === 'error') return state.preview;
  return undefined;
}
