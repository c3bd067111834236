export enum ApiKeyScope {
  MessagesSend = 'messages:send',
  MessagesRead = 'messages:read',
  /** Every report under `/api/v1/reports/...`, over all teams. */
  ReportsRead = 'reports:read',
}

export const API_KEY_SCOPES: readonly ApiKeyScope[] = [ApiKeyScope.MessagesSend, ApiKeyScope.MessagesRead, ApiKeyScope.ReportsRead];

export interface ApiKeyView {
  id: string;
  name: string;
  /** The first characters of the key, enough to recognise it in a list. */
  prefix: string;
  scopes: ApiKeyScope[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface CreateApiKeyRequest {
  name: string;
  scopes: ApiKeyScope[];
}

/** Returned once, at creation; only a hash of `key` is stored. */
export interface CreatedApiKeyResponse {
  apiKey: ApiKeyView;
  key: string;
}
