import type { AppStatus } from '../../../../server/src/api/contract.js';
import { useRouter } from '../../router/router.js';
import { Badge, Button, Card, Stack, Text } from '../../ui/index.js';

/** Three steps to the first published image; the home page shows this until the first publish. */
export function GettingStarted({ status }: { status: AppStatus }) {
  const { navigate } = useRouter();
  const steps = [
    {
      done: status.onboarding.catalog_synced,
      title: 'Sync your catalog',
      text: 'Pixport reads your products and checks every image against Amazon, Google and Shopify rules.',
      action: { label: 'Go to products', to: '/products' },
    },
    {
      done: status.onboarding.first_job,
      title: 'Run a bulk job',
      text: 'Pick products, choose a preset, preview three of them for free, then run.',
      action: { label: 'Choose products', to: '/products' },
    },
    {
      done: status.onboarding.first_publish,
      title: 'Review and publish',
      text: 'Approve the results you like and publish them to your store. Every change can be undone.',
      action: { label: 'Open bulk jobs', to: '/jobs' },
    },
  ];
  const next = steps.findIndex((step) => !step.done);
  return (
    <Card title="Get started">
      <ol className="px-steps" aria-label="Getting started">
        {steps.map((step, index) => (
          <li key={step.title} aria-current={index === next ? 'step' : undefined}>
            <Stack gap="tight">
              <Stack direction="row" gap="tight">
                <Text strong>
                  {index + 1}. {step.title}
                </Text>
                {step.done ? (
                  <Badge tone="success">Done</Badge>
                ) : index === next ? (
                  <Badge tone="attention">Next</Badge>
                ) : null}
              </Stack>
              <Text tone="subdued">{step.text}</Text>
              {index === next ? (
                <span>
                  <Button variant="primary" onClick={() => navigate(step.action.to)}>
                    {step.action.label}
                  </Button>
                </span>
              ) : null}
            </Stack>
          </li>
        ))}
      </ol>
    </Card>
  );
}
