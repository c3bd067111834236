import { useSyncExternalStore } from 'react';

type PhoneModule = typeof import('@backtalk/phone');
export type PhoneFormat = (e164: string) => string;

// libphonenumber's metadata is larger than the rest of the console, so it is fetched after the first paint, as the
// channels page does. Until it arrives numbers show as stored (E.164), which is still correct, just less readable.
let phone: PhoneModule | null = null;
let loading: Promise<PhoneModule> | null = null;
const listeners = new Set<() => void>();

export function loadPhone(): Promise<PhoneModule> {
  loading ??= import('@backtalk/phone').then(
    (module) => {
      phone = module;
      listeners.forEach((notify) => notify());
      return module;
    },
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

const asStored: PhoneFormat = (e164) => e164;

/** The best formatter available right now. */
export function currentPhoneFormat(): PhoneFormat {
  return phone?.formatPhone ?? asStored;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!phone) void loadPhone().catch(() => undefined);
  return () => listeners.delete(listener);
}

/** Formats numbers for people; the component renders again once the formatter has loaded. */
export function usePhoneFormat(): PhoneFormat {
  return useSyncExternalStore(subscribe, currentPhoneFormat);
}
