import type { AppStatus } from '../../../../server/src/api/contract.js';
import { useApi } from '../../api/api-context.js';
import { useLoad } from '../../api/use-load.js';
import { DashboardButton } from '../shared/dashboard-button.js';
import { count, dateTime } from '../../format.js';
import { useRouter } from '../../router/router.js';
import {
  Badge,
  Banner,
  Button,
  Card,
  Columns,
  ErrorBanner,
  Grid,
  Loading,
  Page,
  Stack,
  Stat,
  Text,
} from '../../ui/index.js';
import { GettingStarted } from './getting-started.js';

export default function HomePage() {
  const api = useApi();
  const { navigate } = useRouter();
  const status = useLoad(() => api.status(), [api]);
  const data = status.data;

  return (
    <Page title="Pixport" subtitle="Marketplace-ready product images, processed on your own Pixport hub">
      <ErrorBanner
        error={status.error}
        title="Could not load the app’s status"
        onRetry={() => void status.reload()}
      />
      {!data && status.loading ? (
        <Card>
          <Loading label="Loading the app’s status" lines={4} />
        </Card>
      ) : null}
      {data ? (
        <>
          <ConnectionBanner status={data} />
          {!data.onboarding.first_publish ? <GettingStarted status={data} /> : null}
          <Columns aside={<ConnectionCard status={data} />}>
            <Card title="This month">
              <Grid columns={3}>
                <Stat
                  label="Credits left"
                  value={data.plan ? count(data.plan.credits_remaining) : '—'}
                  help={
                    data.plan?.monthly_credits
                      ? `of ${count(data.plan.monthly_credits)} a month · ${count(data.plan.credits_reserved)} reserved`
                      : data.plan
                        ? `${count(data.plan.credits_reserved)} reserved by running jobs`
                        : 'No plan yet'
                  }
                />
                <Stat
                  label="Images processed"
                  value={count(data.images_processed_this_month)}
                  help="since the 1st"
                />
                <Stat
                  label="Products synced"
                  value={count(data.catalog.products)}
                  help={`last sync ${dateTime(data.catalog.last_synced_at)}`}
                />
              </Grid>
              <Stack direction="row">
                <Button variant="primary" onClick={() => navigate('/products')}>
                  Fix product images
                </Button>
                <Button onClick={() => navigate('/usage')}>Usage and plan</Button>
              </Stack>
            </Card>
          </Columns>
        </>
      ) : null}
    </Page>
  );
}

function ConnectionBanner({ status }: { status: AppStatus }) {
  if (!status.hub.linked)
    return (
      <Banner tone="critical" title="This store is not linked to a Pixport workspace yet">
        <p>Open the app again from your Shopify admin to finish the installation.</p>
      </Banner>
    );
  if (!status.hub.reachable)
    return (
      <Banner tone="warning" title="The Pixport hub is not answering">
        <p>Running jobs wait and resume by themselves when it is back. Nothing is lost.</p>
      </Banner>
    );
  if (status.plan && status.plan.credits_remaining === 0)
    return (
      <Banner tone="warning" title="You are out of credits">
        <p>Jobs pause until credits return; open the full dashboard to change your plan.</p>
      </Banner>
    );
  return null;
}

function ConnectionCard({ status }: { status: AppStatus }) {
  return (
    <Card title="Connection">
      <Stack gap="tight">
        <Stack direction="row" gap="tight">
          <Text>Pixport hub</Text>
          {status.hub.linked ? (
            status.hub.reachable ? (
              <Badge tone="success">Connected</Badge>
            ) : (
              <Badge tone="warning">Unreachable</Badge>
            )
          ) : (
            <Badge tone="critical">Not linked</Badge>
          )}
        </Stack>
        <Text tone="subdued" size="sm">
          {status.shop}
        </Text>
        <Stack direction="row" gap="tight">
          <Text>Plan</Text>
          <Badge tone={status.plan ? 'info' : 'neutral'}>{status.plan?.name ?? 'none'}</Badge>
        </Stack>
        <Stack direction="row" gap="tight">
          <Text>Automation</Text>
          <Badge tone={status.automation.enabled ? 'success' : 'neutral'}>
            {status.automation.enabled ? `On · ${status.automation.mode}` : 'Off'}
          </Badge>
        </Stack>
        {status.hub.linked ? <DashboardButton /> : null}
      </Stack>
    </Card>
  );
}
