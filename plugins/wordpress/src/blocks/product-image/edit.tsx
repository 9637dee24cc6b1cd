import {
  InspectorControls,
  MediaPlaceholder,
  MediaUpload,
  MediaUploadCheck,
  useBlockProps,
  type MediaItem,
} from '@wordpress/block-editor';
import { createBlock } from '@wordpress/blocks';
import { Button, Notice, PanelBody, SelectControl, Spinner } from '@wordpress/components';
import { useDispatch } from '@wordpress/data';
import { useReducer } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import { describeError } from '../../lib/errors';
import { createPreview, discardPreview, keepPreview } from './api';
import type { BlockAttributes } from './attributes';
import { FieldControl } from './field-control';
import { OPERATIONS, isOperationId, operationSpec, type OperationId, type ParamValue } from './operations';
import { paramsFor, validateParams } from './params';
import { initialPreviewState, isBusy, keepablePreview, previewReducer } from './preview-state';

interface EditProps {
  attributes: BlockAttributes;
  setAttributes: (next: Partial<BlockAttributes>) => void;
  clientId: string;
}

export default function Edit({ attributes, setAttributes, clientId }: EditProps) {
  const settings = window.pixportSettings;
  const operation: OperationId = isOperationId(attributes.operation)
    ? attributes.operation
    : isOperationId(settings?.defaultOperation)
      ? settings.defaultOperation
      : 'process';
  const spec = operationSpec(operation) ?? OPERATIONS[0];
  const [state, dispatch] = useReducer(previewReducer, initialPreviewState);
  const { replaceBlocks } = useDispatch('core/block-editor') as {
    replaceBlocks: (id: string, blocks: unknown) => void;
  };
  const blockProps = useBlockProps({ className: 'pixport-product-image' });
  const params = paramsFor(operation, attributes.params ?? {}, settings?.defaultPreset);
  const problems = validateParams(operation, params);
  const preview = keepablePreview(state);

  const invalidate = (next: Partial<BlockAttributes>) => {
    if (preview) void discardPreview(preview.token).catch(() => undefined);
    dispatch({ type: 'reset' });
    setAttributes(next);
  };
  const selectImage = (media: MediaItem) =>
    invalidate({
      sourceId: media.id,
      sourceUrl: media.url,
      alt: media.alt ?? '',
      resultId: undefined,
      resultUrl: undefined,
    });
  const setParam = (name: string, value: ParamValue) =>
    invalidate({ params: { ...attributes.params, [name]: value } });

  const process = async () => {
    if (!attributes.sourceId || problems.length) return;
    dispatch({ type: 'process' });
    try {
      dispatch({ type: 'processed', preview: await createPreview(attributes.sourceId, operation, params) });
    } catch (error) {
      dispatch({ type: 'failed', ...describeError(error) });
    }
  };
  const keep = async (insert: boolean) => {
    if (!preview) return;
    dispatch({ type: 'save', insert });
    try {
      const attachment = await keepPreview(preview.token);
      if (insert) {
        replaceBlocks(
          clientId,
          createBlock('core/image', {
            id: attachment.id,
            url: attachment.url,
            alt: attachment.alt,
            sizeSlug: 'full',
          }),
        );
        return;
      }
      dispatch({ type: 'saved', attachment });
      setAttributes({ resultId: attachment.id, resultUrl: attachment.url });
    } catch (error) {
      dispatch({ type: 'failed', ...describeError(error) });
    }
  };

  const inspector = (
    <InspectorControls>
      <PanelBody title={__('Pixport operation', 'pixport')}>
        <SelectControl
          label={__('Operation', 'pixport')}
          value={operation}
          options={OPERATIONS.map((item) => ({ value: item.id, label: item.label }))}
          onChange={(value: string) => invalidate({ operation: value, params: {} })}
          __nextHasNoMarginBottom
        />
        {spec.fields.map((field) => (
          <FieldControl
            key={field.name}
            field={field}
            value={params[field.name]}
            onChange={(value) => setParam(field.name, value)}
          />
        ))}
      </PanelBody>
    </InspectorControls>
  );

  if (!attributes.sourceId || !attributes.sourceUrl) {
    return (
      <div {...blockProps}>
        {inspector}
        <MediaPlaceholder
          onSelect={selectImage}
          allowedTypes={['image']}
          accept="image/*"
          labels={{
            title: __('Pixport product image', 'pixport'),
            instructions: __('Pick a product photo to process.', 'pixport'),
          }}
        />
      </div>
    );
  }

  const afterUrl =
    state.status === 'saved'
      ? state.attachment.url
      : (preview?.url ?? (state.status === 'saving' ? state.preview.url : attributes.resultUrl));
  return (
    <div {...blockProps}>
      {inspector}
      {!settings?.configured && (
        <Notice status="warning" isDismissible={false}>
          {__('Pixport is not set up yet: add the hub URL and an API key in Settings → Pixport.', 'pixport')}
        </Notice>
      )}
      <div className="pixport-compare">
        <figure>
          <img src={attributes.sourceUrl} alt={attributes.alt} />
          <figcaption>{__('Before', 'pixport')}</figcaption>
        </figure>
        <figure>
          {state.status === 'processing' ? (
            <Spinner />
          ) : afterUrl ? (
            <img src={afterUrl} alt={__('After', 'pixport')} className="pixport-after" />
          ) : null}
          <figcaption>
            {__('After', 'pixport')}: {spec.label}
          </figcaption>
        </figure>
      </div>
      {problems.map((problem) => (
        <p className="pixport-block-error" key={problem}>
          {problem}
        </p>
      ))}
      {state.status === 'error' && (
        <Notice status="error" isDismissible={false}>
          {state.message}
          {state.needsSettings && settings ? (
            <>
              {' '}
              <a href={settings.settingsUrl}>{__('Open Pixport settings', 'pixport')}</a>
            </>
          ) : null}
        </Notice>
      )}
      {state.status === 'saved' && (
        <Notice status="success" isDismissible={false}>
          {__('Saved to the media library as a new image', 'pixport')} (#{state.attachment.id}).{' '}
          {__('The original is unchanged.', 'pixport')}
        </Notice>
      )}
      <div className="pixport-actions">
        <Button
          variant="primary"
          onClick={process}
          disabled={isBusy(state) || problems.length > 0 || !settings?.configured}
        >
          {preview ? __('Process again', 'pixport') : __('Preview', 'pixport')}
        </Button>
        <Button variant="secondary" onClick={() => keep(true)} disabled={!preview || isBusy(state)}>
          {__('Insert into post', 'pixport')}
        </Button>
        <Button variant="secondary" onClick={() => keep(false)} disabled={!preview || isBusy(state)}>
          {__('Save to media library', 'pixport')}
        </Button>
        <MediaUploadCheck>
          <MediaUpload
            onSelect={selectImage}
            allowedTypes={['image']}
            value={attributes.sourceId}
            render={({ open }) => (
              <Button variant="tertiary" onClick={open}>
                {__('Replace image', 'pixport')}
              </Button>
            )}
          />
        </MediaUploadCheck>
      </div>
    </div>
  );
}
