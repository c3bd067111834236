import type { ContactAttributeView, ContactConsentFilter, ContactSort } from '@backtalk/contracts';
import type { ContactDirectoryQuery } from '@backtalk/console/data-access';
import { dateTimeFormat, translatorFor } from '@backtalk/console/i18n';

const t = translatorFor('contacts');

/**
 * What the directory shows, as it lives in the address bar: coming back from a contact finds the same search, filters
 * and order. Dates are local calendar days (`2026-12-01`); the range includes both ends.
 */
export interface DirectoryFilter {
  q: string;
  teamId: string | null;
  channelId: string | null;
  consent: ContactConsentFilter | null;
  from: string | null;
  to: string | null;
  /** A contact attribute's value, `key:value` as the API takes it. */
  attribute: string | null;
  sort: ContactSort;
}

export const EMPTY_FILTER: DirectoryFilter = { q: '', teamId: null, channelId: null, consent: null, from: null, to: null, attribute: null, sort: 'last_contact' };

export const SORTS: readonly ContactSort[] = ['last_contact', 'name', 'created'];
export const CONSENT_FILTERS: readonly ContactConsentFilter[] = ['opted_out', 'subscribed'];

export function sortLabel(sort: ContactSort): string {
  return t(`sort.${sort}`);
}

export function consentFilterLabel(consent: ContactConsentFilter): string {
  return t(`consentFilter.${consent}`);
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ATTRIBUTE = /^[a-z][a-z0-9_]{0,39}:\S/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | null {
  return allowed.find((candidate) => candidate === value) ?? null;
}

/** A hand-edited or stale address shows the whole directory rather than an error. */
export function filterFromSearchParams(params: URLSearchParams): DirectoryFilter {
  const day = (key: string) => {
    const value = params.get(key);
    return value && DAY.test(value) ? value : null;
  };
  const id = (key: string) => {
    const value = params.get(key);
    return value && UUID.test(value) ? value : null;
  };
  return {
    q: params.get('q')?.trim() ?? '',
    teamId: id('team'),
    channelId: id('channel'),
    consent: oneOf(params.get('consent'), CONSENT_FILTERS),
    from: day('from'),
    to: day('to'),
    attribute: ATTRIBUTE.test(params.get('attr') ?? '') ? params.get('attr') : null,
    sort: oneOf(params.get('sort'), SORTS) ?? 'last_contact',
  };
}

export function filterToSearchParams(filter: DirectoryFilter): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.q) params.set('q', filter.q);
  if (filter.teamId) params.set('team', filter.teamId);
  if (filter.channelId) params.set('channel', filter.channelId);
  if (filter.consent) params.set('consent', filter.consent);
  if (filter.from) params.set('from', filter.from);
  if (filter.to) params.set('to', filter.to);
  if (filter.attribute) params.set('attr', filter.attribute);
  if (filter.sort !== 'last_contact') params.set('sort', filter.sort);
  return params;
}

/** Midnight starting a local calendar day, as an instant. */
function startOfLocalDay(day: string, plusDays = 0): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(year, month - 1, date + plusDays).toISOString();
}

/** The API's query: the "to" day is included, so the range ends at the midnight after it. */
export function directoryQuery(filter: DirectoryFilter): ContactDirectoryQuery {
  return {
    q: filter.q || undefined,
    teamId: filter.teamId ?? undefined,
    channelId: filter.channelId ?? undefined,
    consent: filter.consent ?? undefined,
    lastContactFrom: filter.from ? startOfLocalDay(filter.from) : undefined,
    lastContactTo: filter.to ? startOfLocalDay(filter.to, 1) : undefined,
    attribute: filter.attribute ? [filter.attribute] : undefined,
    sort: filter.sort,
  };
}

export function isFiltered(filter: DirectoryFilter): boolean {
  return !!(filter.q || filter.teamId || filter.channelId || filter.consent || filter.from || filter.to || filter.attribute);
}

/** The chip's text for an attribute filter: "Plan: Gold", "VIP: yes"; a key nobody defines any more reads as typed. */
export function describeAttributeFilter(filter: string, attributes: readonly ContactAttributeView[]): string {
  const separator = filter.indexOf(':');
  const key = filter.slice(0, separator);
  const value = filter.slice(separator + 1);
  const attribute = attributes.find((candidate) => candidate.key === key);
  if (!attribute) return t('filters.attributeChip', { attribute: key, value });
  const shown = attribute.type === 'boolean' ? (value === 'true' ? t('filters.attributeYes') : t('filters.attributeNo')) : value;
  return t('filters.attributeChip', { attribute: attribute.label, value: shown });
}

/** A local calendar day `days` before `now` (0 is today), as the date inputs write it. */
export function dayBefore(now: Date, days: number): string {
  const date = new Date(now.getFullYear(), now.getMonth(), now.getDate() - days);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

function formatDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return dateTimeFormat({ day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(year, month - 1, date));
}

/** The chip's text for a last-contact range: "Last contact 1 Nov 2026 – 30 Nov 2026", "… since …", "… until …". */
export function describeLastContact(from: string | null, to: string | null): string | null {
  if (from && to) return from === to ? t('filters.lastContactOn', { day: formatDay(from) }) : t('filters.lastContactBetween', { from: formatDay(from), to: formatDay(to) });
  if (from) return t('filters.lastContactSince', { day: formatDay(from) });
  if (to) return t('filters.lastContactUntil', { day: formatDay(to) });
  return null;
}
