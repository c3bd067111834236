import { isDeepStrictEqual } from 'node:util';
import type { AuditDiff } from '@backtalk/contracts';

/**
 * Only the fields that changed, as they were and as they are; undefined when nothing did, so a save that changed
 * nothing leaves no entry. Values are compared as JSON, the form they are stored in (a Date and its ISO text match).
 */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): AuditDiff | undefined {
  const asJson = (value: unknown): unknown => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((key) => !isDeepStrictEqual(asJson(before[key]), asJson(after[key])));
  if (keys.length === 0) return undefined;
  return {
    before: Object.fromEntries(keys.filter((key) => before[key] !== undefined).map((key) => [key, before[key]])),
    after: Object.fromEntries(keys.filter((key) => after[key] !== undefined).map((key) => [key, after[key]])),
  };
}
