/** Refresh this long before the access token runs out. */
export const REFRESH_LEAD_MS = 60_000;

/**
 * How long to wait before renewing a token that expires at `expiresAt`. A token that lives
 * less than twice the lead is renewed at half its remaining life instead, so short test
 * lifetimes do not cause a refresh loop.
 */
export function refreshDelayMs(expiresAt: number, now: number, leadMs = REFRESH_LEAD_MS): number {
  const remaining = expiresAt - now;
  if (remaining <= 0) return 0;
  return remaining > 2 * leadMs ? remaining - leadMs : Math.floor(remaining / 2);
}
