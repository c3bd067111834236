import { ErrorCode, type ReplyCollisionDetails } from '@backtalk/contracts';
import { describeError, isApiError } from '../http/api-error';
import { useRealtimeStore } from '../realtime/realtime.store';

/**
 * The realtime sequence this console has applied: what the agent is looking at. Sent with a reply as `seenThrough`, so
 * the API can hold it when a colleague took or answered the conversation since. Undefined until the stream has been
 * live once: before that the console cannot say what it has shown.
 */
export function appliedSeq(): number | undefined {
  const { wasLive, lastSeq } = useRealtimeStore.getState();
  return wasLive && lastSeq > 0 ? lastSeq : undefined;
}

/** Calls `listener` once with the applied sequence as soon as there is one (at once if there already is). */
export function whenSeqKnown(listener: (seq: number) => void): () => void {
  const known = appliedSeq();
  if (known !== undefined) {
    listener(known);
    return () => undefined;
  }
  const unsubscribe = useRealtimeStore.subscribe(() => {
    const seq = appliedSeq();
    if (seq === undefined) return;
    unsubscribe();
    listener(seq);
  });
  return unsubscribe;
}

/**
 * The colleague's move that held a reply (409 REPLY_COLLISION), or null for any other outcome. `message` is in the
 * console's language (the API's own sentence names the colleague, so an English console keeps it).
 */
export function replyCollisionOf(error: unknown): { message: string; details: ReplyCollisionDetails } | null {
  if (!isApiError(error) || error.code !== ErrorCode.ReplyCollision || !error.details) return null;
  return { message: describeError(error), details: error.details as ReplyCollisionDetails };
}
