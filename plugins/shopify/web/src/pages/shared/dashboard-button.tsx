import { useApi } from '../../api/api-context.js';
import { useAction } from '../../api/use-action.js';
import { Button, ErrorBanner, Stack } from '../../ui/index.js';

/**
 * "Open the full dashboard": asks the server for a one-time sign-in link to the hub dashboard (valid minutes)
 * and opens it in a new tab. The tab opens on the click itself (a popup opened after an await is blocked) and
 * is pointed at the link once it arrives.
 */
export function DashboardButton() {
  const api = useApi();
  const action = useAction();
  const open = async () => {
    const tab = window.open('about:blank', '_blank');
    const link = await action.run(() => api.dashboardLink());
    if (link && tab) tab.location.href = link.url;
    else if (link) window.open(link.url, '_blank');
    else tab?.close();
  };
  return (
    <Stack gap="tight">
      <span>
        <Button variant="plain" onClick={() => void open()} loading={action.pending}>
          Open the full Pixport dashboard
        </Button>
      </span>
      <ErrorBanner error={action.error} title="Could not open the dashboard" onDismiss={action.clearError} />
    </Stack>
  );
}
