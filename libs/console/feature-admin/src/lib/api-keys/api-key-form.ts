import { ApiKeyScope, type CreateApiKeyRequest } from '@backtalk/contracts';
import { translateAdmin as t } from '../../i18n';

const scopeLabel = (scope: string) => ({
  get label() {
    return t(`apiKeys.scopes.${scope}.label`);
  },
  get description() {
    return t(`apiKeys.scopes.${scope}.description`);
  },
});

/** Read in the console's language when looked up. */
export const SCOPE_LABELS: Record<ApiKeyScope, { label: string; description: string }> = {
  [ApiKeyScope.MessagesSend]: scopeLabel('messagesSend'),
  [ApiKeyScope.MessagesRead]: scopeLabel('messagesRead'),
  [ApiKeyScope.ReportsRead]: scopeLabel('reportsRead'),
};

export interface ApiKeyFormValues {
  name: string;
  scopes: ApiKeyScope[];
}

export type ApiKeyFormErrors = Partial<Record<keyof ApiKeyFormValues, string>>;
export const API_KEY_FORM_FIELDS: readonly (keyof ApiKeyFormValues)[] = ['name', 'scopes'];

export function validateApiKeyForm(values: ApiKeyFormValues): ApiKeyFormErrors {
  const errors: ApiKeyFormErrors = {};
  if (!values.name.trim()) errors.name = t('apiKeys.form.nameRequired');
  if (values.scopes.length === 0) errors.scopes = t('apiKeys.form.scopesRequired');
  return errors;
}

export function toCreateApiKeyRequest(values: ApiKeyFormValues): CreateApiKeyRequest {
  return { name: values.name.trim(), scopes: values.scopes };
}
