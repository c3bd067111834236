/** While keys keep coming, "typing" is renewed this often (receivers drop it after `TYPING_TTL_MS`). */
export const TYPING_RENEW_MS = 3_000;
/** This long without a key press counts as having stopped. */
export const TYPING_IDLE_MS = 4_000;

export interface TypingSignalDeps {
  send: (conversationId: string, typing: boolean) => void;
  now: () => number;
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

export interface TypingSignaller {
  /** Call on every change to the reply text. */
  keystroke: (conversationId: string) => void;
  /** Call on send, on leaving the conversation or when the composer empties. */
  stop: () => void;
}

/**
 * Turns key presses into few `typing` messages: one when typing starts, a renewal every few seconds while it goes on,
 * and one when it stops (idle, sent, or another conversation opened).
 */
export function createTypingSignaller(deps: TypingSignalDeps): TypingSignaller {
  let active: string | null = null;
  let lastSentAt = 0;
  let idleTimer: unknown = null;

  const stop = () => {
    if (idleTimer !== null) deps.clearTimeout(idleTimer);
    idleTimer = null;
    if (active === null) return;
    deps.send(active, false);
    active = null;
  };

  const keystroke = (conversationId: string) => {
    if (active !== null && active !== conversationId) stop();
    const now = deps.now();
    if (active === null || now - lastSentAt >= TYPING_RENEW_MS) {
      deps.send(conversationId, true);
      lastSentAt = now;
      active = conversationId;
    }
    if (idleTimer !== null) deps.clearTimeout(idleTimer);
    idleTimer = deps.setTimeout(stop, TYPING_IDLE_MS);
  };

  return { keystroke, stop };
}
