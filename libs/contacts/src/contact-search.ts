import { type ContactSort } from '@backtalk/contracts';
import { DomainError } from '@backtalk/platform';

/** Where a page ended, in the sort's own key: the next page starts strictly after it. */
export type ContactCursor = { sort: 'last_contact' | 'created'; at: string; id: string } | { sort: 'name'; name: string; id: string };

export function encodeContactCursor(cursor: ContactCursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

/** A timestamp as PostgreSQL prints one (or ISO 8601). */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}(:?\d{2})?)$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A cursor of another sort, or one this API did not write, is refused rather than read as the start. */
export function decodeContactCursor(raw: string, sort: ContactSort): ContactCursor {
  let decoded: Record<string, unknown> | null = null;
  try {
    decoded = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Record<string, unknown> | null;
  } catch {
    // not JSON: refused below
  }
  const id = decoded?.['id'];
  if (decoded && decoded['sort'] === sort && typeof id === 'string' && UUID.test(id)) {
    if (sort === 'name' && typeof decoded['name'] === 'string') return { sort, name: decoded['name'], id };
    const at = decoded['at'];
    if (sort !== 'name' && typeof at === 'string' && TIMESTAMP.test(at)) return { sort, at, id };
  }
  throw DomainError.validation('Invalid request: the page cursor is malformed; use the nextCursor of the previous page with the same sort', [
    { field: 'cursor', messages: ['cursor must be a nextCursor this API returned for the same sort'] },
  ]);
}
