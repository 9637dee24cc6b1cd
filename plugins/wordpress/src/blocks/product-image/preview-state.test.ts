import {
  initialPreviewState,
  isBusy,
  keepablePreview,
  previewReducer,
  type Preview,
  type PreviewState,
} from './preview-state';

const preview: Preview = {
  token: 'a'.repeat(32),
  url: 'https://site/p.jpg',
  before_url: 'https://site/o.jpg',
  width: 1200,
  height: 1200,
  bytes: 1000,
};
const attachment = { id: 42, url: 'https://site/r.jpg', alt: '', width: 1200, height: 1200, edit_url: '' };

function run(...actions: Parameters<typeof previewReducer>[1][]): PreviewState {
  return actions.reduce(previewReducer, initialPreviewState);
}

describe('previewReducer', () => {
  it('goes idle → processing → ready → saving → saved', () => {
    expect(run({ type: 'process' })).toEqual({ status: 'processing' });
    expect(run({ type: 'process' }, { type: 'processed', preview })).toEqual({ status: 'ready', preview });
    expect(run({ type: 'process' }, { type: 'processed', preview }, { type: 'save', insert: false })).toEqual(
      { status: 'saving', preview, insert: false },
    );
    expect(
      run(
        { type: 'process' },
        { type: 'processed', preview },
        { type: 'save', insert: true },
        { type: 'saved', attachment },
      ),
    ).toEqual({
      status: 'saved',
      preview,
      attachment,
    });
  });

  it('ignores a second process click while busy and a late result after a reset', () => {
    const busy = run({ type: 'process' });
    expect(previewReducer(busy, { type: 'process' })).toBe(busy);
    expect(run({ type: 'process' }, { type: 'reset' }, { type: 'processed', preview })).toEqual(
      initialPreviewState,
    );
  });

  it('cannot save without a preview', () => {
    expect(run({ type: 'save', insert: true })).toEqual(initialPreviewState);
    expect(run({ type: 'process' }, { type: 'save', insert: true })).toEqual({ status: 'processing' });
  });

  it('keeps the preview when saving fails, so it can be kept without reprocessing', () => {
    const failed = run(
      { type: 'process' },
      { type: 'processed', preview },
      { type: 'save', insert: false },
      { type: 'failed', message: 'disk full', needsSettings: false },
    );
    expect(failed).toEqual({
      status: 'error',
      message: 'disk full',
      retryAfter: undefined,
      needsSettings: false,
      preview,
    });
    expect(keepablePreview(failed)).toBe(preview);
    expect(previewReducer(failed, { type: 'save', insert: true })).toEqual({
      status: 'saving',
      preview,
      insert: true,
    });
  });

  it('has no preview to keep after a processing failure', () => {
    const failed = run(
      { type: 'process' },
      { type: 'failed', message: 'out of credits', needsSettings: true },
    );
    expect(keepablePreview(failed)).toBeUndefined();
    expect(isBusy(failed)).toBe(false);
    expect(isBusy(run({ type: 'process' }))).toBe(true);
  });
});
