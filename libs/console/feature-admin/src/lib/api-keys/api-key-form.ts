import { ApiKeyScope, type CreateApiKeyRequest } from '@backtalk/contracts';

export const SCOPE_LABELS: Record<ApiKeyScope, { label: string; description: string }> = {
  [ApiKeyScope.MessagesSend]: { label: 'Send messages', description: 'Send SMS through the API.' },
  [ApiKeyScope.MessagesRead]: { label: 'Read messages', description: 'Read conversations and messages.' },
  [ApiKeyScope.ReportsRead]: { label: 'Read reports', description: 'Pull every team’s reports (JSON or CSV) into a BI tool.' },
};

export interface ApiKeyFormValues {
  name: string;
  scopes: ApiKeyScope[];
}

export type ApiKeyFormErrors = Partial<Record<keyof ApiKeyFormValues, string>>;
export const API_KEY_FORM_FIELDS: readonly (keyof ApiKeyFormValues)[] = ['name', 'scopes'];

export function validateApiKeyForm(values: ApiKeyFormValues): ApiKeyFormErrors {
  const errors: ApiKeyFormErrors = {};
  if (!values.name.trim()) errors.name = 'Name the key after what uses it, e.g. "Order notifications".';
  if (values.scopes.length === 0) errors.scopes = 'Choose at least one permission.';
  return errors;
}

export function toCreateApiKeyRequest(values: ApiKeyFormValues): CreateApiKeyRequest {
  return { name: values.name.trim(), scopes: values.scopes };
}
