import { type HttpRequestSpec } from '@backtalk/carriers';

export interface WebhookResult {
  /** Backtalk's HTTP status; null when it never answered. */
  status: number | null;
  body: string;
  error: string | null;
}

/** Twilio gives up on a webhook after 15 s (its default `tt`); waiting longer would only hide a hung Backtalk. */
const WEBHOOK_TIMEOUT_MS = 15_000;

export type PostWebhook = (request: HttpRequestSpec, signal?: AbortSignal) => Promise<WebhookResult>;

/** Never throws: a refused connection or a timeout is a result to show, like any answer. */
export const postWebhook: PostWebhook = async (request, signal) => {
  const timeout = AbortSignal.timeout(WEBHOOK_TIMEOUT_MS);
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    return { status: response.status, body: (await response.text()).slice(0, 2000), error: null };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    const reason = timeout.aborted ? `no answer within ${WEBHOOK_TIMEOUT_MS / 1000} s` : cause ? `${cause} (${(error as Error).message})` : (error as Error).message;
    return { status: null, body: '', error: reason };
  }
};

/** Posts to `origin` instead of the URL's own origin; the request (and so its signature) is otherwise unchanged. */
export function postWebhookVia(origin: string, post: PostWebhook = postWebhook): PostWebhook {
  return (request, signal) => {
    const target = new URL(request.url);
    return post({ ...request, url: `${origin}${target.pathname}${target.search}` }, signal);
  };
}
