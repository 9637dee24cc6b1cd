import { useState } from 'react';
import { FormLayout, Modal, Select, Text, TextField } from '@shopify/polaris';
import type { CatalogItem, HubClient, Integration, PublishEvent } from '@pixport/shared';
import { useAction } from '../../api/use-action.js';
import { useLoad } from '../../api/use-load.js';
import { ErrorBanner } from '../../components/error-banner.js';

/** Publish one output (a succeeded task's) to a product: as a new image at a position, or in place of one. */
export function PublishModal({
  client,
  integration,
  item,
  onClose,
  onPublished,
}: {
  client: HubClient;
  integration: Integration;
  item: CatalogItem | undefined;
  onClose: () => void;
  onPublished: (event: PublishEvent) => void;
}) {
  const outputs = useLoad(
    () => (item ? client.listTasks({ status: 'succeeded', limit: 50 }) : Promise.resolve(undefined)),
    [client, item?.id],
  );
  const [taskId, setTaskId] = useState('');
  const [place, setPlace] = useState('end');
  const [alt, setAlt] = useState('');
  const action = useAction();
  const images = outputs.data?.data.filter((task) => task.output?.content_type.startsWith('image/')) ?? [];
  const chosen = taskId || images[0]?.id || '';

  // Each product starts from the defaults: a replaced image id belongs to the product it was chosen for.
  const reset = () => {
    setTaskId('');
    setPlace('end');
    setAlt('');
    action.clearError();
  };
  const close = () => (reset(), onClose());
  const submit = async () => {
    if (!item || !chosen) return;
    const event = await action.run(() =>
      client.publish({
        integration_id: integration.id,
        product_id: item.product_id,
        task_id: chosen,
        ...(place === 'main'
          ? { position: 1 }
          : place.startsWith('replace:')
            ? { replace_image_id: place.slice('replace:'.length) }
            : {}),
        ...(alt.trim() ? { alt: alt.trim() } : {}),
      }),
    );
    if (event) {
      reset();
      onPublished(event);
    }
  };

  return (
    <Modal
      open={Boolean(item)}
      onClose={close}
      title={item ? `Publish to “${item.title}”` : ''}
      primaryAction={{
        content: 'Publish',
        loading: action.pending,
        disabled: !chosen,
        onAction: () => void submit(),
      }}
      secondaryActions={[{ content: 'Cancel', onAction: close }]}
    >
      <Modal.Section>
        <FormLayout>
          <ErrorBanner error={action.error ?? outputs.error} />
          {outputs.data && images.length === 0 ? (
            <Text as="p">
              No succeeded task has an image output yet: run an operation as a task (the tester can), then
              publish its output here.
            </Text>
          ) : (
            <Select
              label="Output to publish"
              options={images.map((task) => ({
                label: `${task.operation} · ${task.output!.width}×${task.output!.height} · ${task.id}`,
                value: task.id,
              }))}
              value={chosen}
              onChange={setTaskId}
            />
          )}
          <Select
            label="Where"
            options={[
              { label: 'After the product’s images', value: 'end' },
              { label: 'As the main image (position 1)', value: 'main' },
              ...(item?.images ?? []).map((image) => ({
                label: `In place of image ${image.position}${image.alt ? ` (${image.alt})` : ''}`,
                value: `replace:${image.id}`,
              })),
            ]}
            value={place}
            onChange={setPlace}
            helpText="A replaced image is detached from the product, not deleted on the marketplace."
          />
          <TextField
            label="Alt text"
            value={alt}
            onChange={setAlt}
            autoComplete="off"
            helpText="Optional: describes the image for shoppers using screen readers."
          />
        </FormLayout>
      </Modal.Section>
    </Modal>
  );
}
