/**
 * Calls made while a previous call is still pending share its promise, so N callers
 * trigger one underlying call. A settled call frees the slot for the next one.
 */
export function singleFlight<T>(fn: () => Promise<T>): () => Promise<T> {
  let inFlight: Promise<T> | null = null;
  return () => {
    inFlight ??= fn().finally(() => {
      inFlight = null;
    });
    return inFlight;
  };
}
