/** What the plugin prints before its scripts (Assets::settings_script); never the API key. */
interface PixportSettings {
  configured: boolean;
  defaultOperation: string;
  defaultPreset: string;
  operations: Record<string, string>;
  marketplaces: string[];
  settingsUrl: string;
}

interface Window {
  pixportSettings?: PixportSettings;
}
