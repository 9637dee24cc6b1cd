// The hub-link wire shapes (contract A, docs/hub-app-link.md), as the app uses them.

export interface Installation {
  shop: string;
  organization_id: string;
  integration_id: string;
  created_organization: boolean;
  status: 'active' | 'uninstalled';
  scopes: string[];
  created_at: string;
  updated_at: string;
}

export interface TokenFields {
  access_token: string;
  refresh_token?: string;
  expires_at?: string;
  refresh_token_expires_at?: string;
}

export interface InstallBody extends TokenFields {
  shop: string;
  scopes: string[];
  shop_name?: string;
  email?: string;
  link_code?: string;
}

export interface InstallResponse {
  installation: Installation;
  api_keys: { live: string; test: string };
}
