import { useSyncExternalStore } from 'react';

/** inbox.css's phone breakpoint, where the inbox shows one pane at a time. */
const PHONE_LAYOUT = '(max-width: 700px)';

const query = (): MediaQueryList | null => (typeof window.matchMedia === 'function' ? window.matchMedia(PHONE_LAYOUT) : null);

function subscribe(onChange: () => void): () => void {
  const list = query();
  list?.addEventListener('change', onChange);
  return () => list?.removeEventListener('change', onChange);
}

/**
 * Whether the inbox is laid out for a phone. CSS does the layout; this is for what CSS cannot do, such as giving a
 * menu the entries of the buttons that no longer fit beside it.
 */
export function usePhoneLayout(): boolean {
  return useSyncExternalStore(subscribe, () => query()?.matches ?? false);
}
