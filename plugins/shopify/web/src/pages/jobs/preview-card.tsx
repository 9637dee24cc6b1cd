import type { PreviewResponse } from '../../../../server/src/api/contract.js';
import { Card, Grid, Stack, Text } from '../../ui/index.js';
import { BeforeAfter } from '../review/before-after.js';

/** The free previews: before and after on up to three products, before any credit is spent. */
export function PreviewCard({ previews }: { previews: PreviewResponse['previews'] }) {
  return (
    <Card title="Preview (free)">
      <Grid columns={3}>
        {previews.map((preview) => (
          <Stack key={preview.image_id} gap="tight">
            <Text strong>{preview.product_title}</Text>
            <BeforeAfter
              title={preview.product_title}
              beforeUrl={preview.before_url}
              afterUrl={preview.after_url}
              error={preview.error}
            />
          </Stack>
        ))}
      </Grid>
    </Card>
  );
}
