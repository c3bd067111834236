import type { AuditEntryView } from '@backtalk/contracts';
import { translateAudit as t } from '../i18n';
import { en } from '../i18n/en';

type Tree = { readonly [key: string]: unknown };

const known = (path: string): boolean => {
  let node: unknown = en;
  for (const part of path.split('.')) node = node && typeof node === 'object' ? (node as Tree)[part] : undefined;
  return typeof node === 'string';
};

/** The action families the filter offers, in the order people look for them. */
export const ACTION_FAMILIES = Object.keys(en.families) as Array<keyof typeof en.families>;

/** An action in words; one this console version does not know yet shows as recorded (`thing.done`). */
export function actionLabel(action: string): { text: string; isData: boolean } {
  return known(`actions.${action}`) ? { text: t(`actions.${action}`), isData: false } : { text: action, isData: true };
}

/** A recorded field's name in words, or as recorded when this console version has no words for it. */
export function fieldLabel(field: string): { text: string; isData: boolean } {
  return known(`fields.${field}`) ? { text: t(`fields.${field}`), isData: false } : { text: field, isData: true };
}

export function familyLabel(family: string): string {
  return known(`families.${family}`) ? t(`families.${family}`) : family;
}

export function targetTypeLabel(type: string): { text: string; isData: boolean } {
  return known(`targets.${type}`) ? { text: t(`targets.${type}`), isData: false } : { text: type, isData: true };
}

/** Who acted, as a name to show and a line under it saying what kind of actor it was, when that is not a person. */
export function actorLabel(actor: AuditEntryView['actor']): { name: string; nameIsData: boolean; kind: string | null } {
  switch (actor.kind) {
    case 'user':
      return actor.name ? { name: actor.name, nameIsData: true, kind: null } : { name: t('actor.removedUser'), nameIsData: false, kind: null };
    case 'api_key':
      return actor.name ? { name: actor.name, nameIsData: true, kind: t('actor.apiKey') } : { name: t('actor.apiKey'), nameIsData: false, kind: null };
    case 'anonymous':
      return actor.attemptedEmail ? { name: actor.attemptedEmail, nameIsData: true, kind: t('actor.anonymousHint') } : { name: t('actor.unknown'), nameIsData: false, kind: null };
    default:
      return { name: t('actor.system'), nameIsData: false, kind: null };
  }
}

/** One changed field with both of its values, for the details view; fields only one side has show the other empty. */
export interface ChangedField {
  field: string;
  before: unknown;
  after: unknown;
  hasBefore: boolean;
  hasAfter: boolean;
}

export function changedFieldsOf(diff: AuditEntryView['diff']): ChangedField[] {
  if (!diff) return [];
  const before = diff.before ?? {};
  const after = diff.after ?? {};
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].map((field) => ({ field, before: before[field], after: after[field], hasBefore: field in before, hasAfter: field in after }));
}

/** A value as a person reads it: text as it is, yes/no, and lists or objects as compact JSON. */
export function valueText(value: unknown): { text: string; code: boolean } {
  if (value === null || value === undefined || value === '') return { text: t('details.empty'), code: false };
  if (typeof value === 'boolean') return { text: value ? t('details.yes') : t('details.no'), code: false };
  if (typeof value === 'string' || typeof value === 'number') return { text: String(value), code: false };
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return { text: value.join(', '), code: false };
  return { text: JSON.stringify(value, null, 1).replace(/\n\s*/g, ' '), code: true };
}
