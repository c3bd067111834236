/** pg's and ioredis's words for a connection that is gone, cannot be made, or takes no commands now. */
const CONNECTION_LOST_MESSAGES =
  /Connection terminated|Connection is closed|timeout exceeded when trying to connect|Client has encountered a connection error|Stream isn't writeable|Command aborted due to connection close|Socket timeout\. Expecting data/i;
const CONNECTION_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);

/**
 * True when an error means PostgreSQL or Redis could not be reached or went away mid-request.
 * Those must surface as 503 so that carriers retry their webhooks instead of dropping them.
 */
export function isDependencyFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const candidate = error as Error & { code?: unknown; driverError?: unknown };
  const code = typeof candidate.code === 'string' ? candidate.code : undefined;
  if (code && CONNECTION_ERROR_CODES.has(code)) return true;
  // PostgreSQL SQLSTATE class 08 (connection exception), 57P01-57P03 (server shutting down / cannot connect now), 53300 (too many connections).
  if (code && (/^08/.test(code) || /^57P0[1-3]$/.test(code) || code === '53300')) return true;
  if (candidate.name === 'MaxRetriesPerRequestError') return true;
  if (CONNECTION_LOST_MESSAGES.test(error.message)) return true;
  return candidate.driverError !== undefined && candidate.driverError !== error && isDependencyFailure(candidate.driverError);
}
