import { useEffect, useMemo, useState } from 'react';
import type {
  AppPreset,
  CreateJobBody,
  Estimate,
  PreviewResponse,
} from '../../../../server/src/api/contract.js';
import { useApi } from '../../api/api-context.js';
import type { ErrorReport } from '../../api/errors.js';
import { useAction } from '../../api/use-action.js';
import { useLoad } from '../../api/use-load.js';
import { toast } from '../../bridge/shopify.js';
import { count, plural } from '../../format.js';
import { useRouter } from '../../router/router.js';
import {
  Banner,
  Button,
  Card,
  Checkbox,
  Columns,
  ErrorBanner,
  Loading,
  Page,
  RadioGroup,
  SelectField,
  Stack,
  Text,
} from '../../ui/index.js';
import { PreviewCard } from './preview-card.js';
import { selectionFromSearch } from './selection.js';

export default function NewJobPage() {
  const api = useApi();
  const { location, navigate } = useRouter();
  const selection = useMemo(() => selectionFromSearch(location.search), [location.search]);
  const presets = useLoad(() => api.presets(), [api]);
  const [presetId, setPresetId] = useState('');
  const [images, setImages] = useState<'main' | 'all'>('main');
  const [autoPublish, setAutoPublish] = useState(false);
  const [previews, setPreviews] = useState<PreviewResponse['previews']>();
  const [estimate, setEstimate] = useState<Estimate>();
  const previewing = useAction();
  const estimating = useAction();
  const creating = useAction();

  const list = presets.data?.presets ?? [];
  const preset: AppPreset | undefined = list.find((candidate) => candidate.id === presetId);
  useEffect(() => {
    if (!presetId && list[0]) setPresetId(list[0].id);
  }, [list, presetId]);

  // The estimate follows the choices; a preview is for one preset, so a new choice clears it.
  useEffect(() => {
    setPreviews(undefined);
    setEstimate(undefined);
    if (!selection || !presetId) return;
    let current = true;
    void estimating
      .run(() => api.estimate({ preset_id: presetId, selection, images }))
      .then((value) => {
        if (current && value) setEstimate(value);
      });
    return () => {
      current = false;
    };
  }, [api, presetId, images, selection]);

  if (!selection)
    return (
      <Page title="New bulk job" back={{ label: 'Products', onAction: () => navigate('/products') }}>
        <Banner
          tone="warning"
          title="No products selected"
          action={{ content: 'Choose products', onAction: () => navigate('/products') }}
        >
          <p>Select products on the Products page first, then choose “Process images”.</p>
        </Banner>
      </Page>
    );

  const previewIds = 'product_ids' in selection ? selection.product_ids.slice(0, 3) : undefined;
  const preview = async () => {
    let ids = previewIds;
    if (!ids && 'filters' in selection) {
      const first = await previewing.run(() => api.products(selection.filters, null, 3));
      ids = first?.products.map((product) => product.id);
    }
    if (!ids?.length) return;
    const answer = await previewing.run(() => api.previews({ preset_id: presetId, product_ids: ids! }));
    if (answer) setPreviews(answer.previews);
  };

  const run = async () => {
    const body: CreateJobBody = { preset_id: presetId, selection, images, auto_publish: autoPublish };
    const job = await creating.run(() => api.createJob(body));
    if (job) {
      toast('Bulk job started');
      navigate(`/jobs/${job.id}`);
    }
  };

  const productsLabel =
    'product_ids' in selection
      ? plural(selection.product_ids.length, 'selected product')
      : 'every product matching your filters';

  return (
    <Page
      title="New bulk job"
      subtitle={`For ${productsLabel}`}
      back={{ label: 'Products', onAction: () => navigate('/products') }}
    >
      <ErrorBanner
        error={presets.error}
        title="Could not load presets"
        onRetry={() => void presets.reload()}
      />
      <Columns
        aside={<EstimateCard estimate={estimate} loading={estimating.pending} error={estimating.error} />}
      >
        <Card title="1. Choose a preset">
          {presets.loading && !presets.data ? (
            <Loading label="Loading presets" />
          ) : list.length === 0 && !presets.error ? (
            <Text tone="subdued">No presets on the hub yet. Save one in the full Pixport dashboard.</Text>
          ) : (
            <Stack>
              <SelectField
                label="Preset"
                value={presetId}
                onChange={setPresetId}
                options={[
                  ...list
                    .filter((p) => p.source === 'marketplace')
                    .map((p) => ({ label: `${p.name} (marketplace)`, value: p.id })),
                  ...list
                    .filter((p) => p.source === 'saved')
                    .map((p) => ({ label: `${p.name} (saved)`, value: p.id })),
                ]}
                helpText={
                  preset
                    ? `${preset.description} · ${plural(preset.credits_per_image, 'credit')} per image`
                    : undefined
                }
              />
              <RadioGroup
                title="Images"
                value={images}
                onChange={(value) => setImages(value as 'main' | 'all')}
                options={[
                  { label: 'Main image only', value: 'main' },
                  { label: 'All images of each product', value: 'all' },
                ]}
              />
              <Checkbox
                label="Publish results without review"
                helpText="Off: every result waits on the Review page until you approve it."
                checked={autoPublish}
                onChange={setAutoPublish}
              />
            </Stack>
          )}
        </Card>
        <Card
          title="2. Preview on three products"
          headerAction={
            <Button onClick={() => void preview()} loading={previewing.pending} disabled={!presetId}>
              {previews ? 'Preview again' : 'Preview'}
            </Button>
          }
        >
          <Text tone="subdued">
            Previews are free and smaller than the final images. Nothing is published.
          </Text>
          <ErrorBanner error={previewing.error} title="Preview failed" onDismiss={previewing.clearError} />
          {previewing.pending ? <Loading label="Processing the previews" /> : null}
        </Card>
        {previews ? <PreviewCard previews={previews} /> : null}
        <Card title="3. Run">
          <ErrorBanner error={creating.error} title="The job did not start" onDismiss={creating.clearError} />
          {estimate && !estimate.enough ? (
            <Banner tone="warning" title="Not enough credits for the whole job">
              <p>
                {`It needs ${count(estimate.credits)} credits and ${count(estimate.credits_remaining)} are left. The job pauses when credits run out and resumes by itself when they return.`}
              </p>
            </Banner>
          ) : null}
          <span>
            <Button
              variant="primary"
              onClick={() => void run()}
              loading={creating.pending}
              // A failed estimate does not block the run: the job itself pauses if credits run out.
              disabled={!presetId || (!estimate && estimating.pending)}
            >
              {estimate ? `Run on ${plural(estimate.images, 'image')}` : 'Run'}
            </Button>
          </span>
        </Card>
      </Columns>
    </Page>
  );
}

function EstimateCard({
  estimate,
  loading,
  error,
}: {
  estimate: Estimate | undefined;
  loading: boolean;
  error: ErrorReport | undefined;
}) {
  return (
    <Card title="Credit estimate">
      <ErrorBanner error={error} title="Could not estimate the credits" />
      {estimate ? (
        <dl className="px-facts" aria-label="Credit estimate">
          <dt>Products</dt>
          <dd>{count(estimate.products)}</dd>
          <dt>Images</dt>
          <dd>{count(estimate.images)}</dd>
          <dt>Credits per image</dt>
          <dd>{count(estimate.credits_per_image)}</dd>
          <dt>Credits needed</dt>
          <dd>
            <strong>{count(estimate.credits)}</strong>
          </dd>
          <dt>Credits left</dt>
          <dd>{count(estimate.credits_remaining)}</dd>
        </dl>
      ) : loading ? (
        <Loading label="Estimating credits" />
      ) : (
        <Text tone="subdued">Choose a preset to see what the job costs.</Text>
      )}
    </Card>
  );
}
