import { ErrorCategory, type ProviderError } from '../carrier-adapter';

/** code → [reason for agents, category, permanent] */
export type ErrorTable = Readonly<Record<string, readonly [string, ErrorCategory, boolean]>>;

export function lookupError(table: ErrorTable, code: string, provider: string): ProviderError {
  const entry = table[code];
  if (entry) {
    const [reason, category, permanent] = entry;
    return { code, reason, category, permanent };
  }
  return unknownError(code, provider);
}

export function unknownError(code: string, provider: string, description?: string): ProviderError {
  return {
    code,
    reason: description ? `${provider}: ${description}` : `${provider} reported error ${code}; see the ${provider} console for details.`,
    category: ErrorCategory.Unknown,
    permanent: false,
  };
}

export const PLAIN_OK = { status: 200, contentType: 'text/plain; charset=utf-8', body: '' } as const;

/**
 * A send the provider refused at the API: the mapped error when our table knows the code, otherwise the provider's
 * own description, marked permanent because the same request would be refused again.
 */
export function refusedError(mapped: ProviderError, provider: string, description?: string): ProviderError {
  if (mapped.category !== ErrorCategory.Unknown) return mapped;
  return {
    code: mapped.code,
    reason: description ? `${provider} refused the message: ${description}` : `${provider} refused the message (error ${mapped.code}).`,
    category: ErrorCategory.Rejected,
    permanent: true,
  };
}
