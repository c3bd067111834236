import { CANNED_ANSWER_VARIABLES, type ChannelView } from '@backtalk/contracts';
import { analyseReply, type ComposerAnalysis } from '@backtalk/console/feature-inbox';
import { firstName, renderTemplate } from '@backtalk/sms';
import { translateAutomation as t } from '../../i18n';

export type CannedAnswerVariable = (typeof CANNED_ANSWER_VARIABLES)[number];

/** What the editor assumes a variable can grow to: most names and short channel texts fit. */
export const VARIABLE_ALLOWANCE = 20;

// Names may be written in Cyrillic even when the answer itself is plain Latin text.
const NAME_VARIABLES: ReadonlySet<string> = new Set<CannedAnswerVariable>(['contact.name', 'contact.first_name', 'agent.name', 'agent.first_name']);
const VARIABLE = /( ?)\{\{\s*([\w.]+)\s*\}\}/g;
const LONG_LATIN = 'x'.repeat(VARIABLE_ALLOWANCE);
const LONG_CYRILLIC = 'ж'.repeat(VARIABLE_ALLOWANCE);

export type VariableValues = Partial<Record<CannedAnswerVariable, string>>;

/** Every `{{name}}` in the body, once each, in order of appearance. */
export function variablesIn(body: string): string[] {
  return [...new Set([...body.matchAll(VARIABLE)].map((match) => match[2]))];
}

/** `{{contact.<key>}}` of each contact attribute admins defined. */
export const attributeVariables = (attributeKeys: readonly string[]): string[] => attributeKeys.map((key) => `contact.${key}`);

/** Variables the API does not know: it would leave them out of every reply, or refuse `{{contact.…}}` ones. */
export function unknownVariables(body: string, attributeKeys: readonly string[] = []): string[] {
  const known = new Set<string>([...CANNED_ANSWER_VARIABLES, ...attributeVariables(attributeKeys)]);
  return variablesIn(body).filter((name) => !known.has(name));
}


/** A customer of the console's language: in Ukrainian a Cyrillic name, so the preview counts segments as such a customer's reply would. */
export const sampleCustomerName = (): string => t('editor.sampleCustomerName');

/** Believable values for the preview: a Ukrainian customer, the signed-in agent, and the chosen channel. */
export function sampleValues(agentName: string, channel: Pick<ChannelView, 'name' | 'helpText'> | undefined): VariableValues {
  const customerName = sampleCustomerName();
  return {
    'contact.name': customerName,
    'contact.first_name': firstName(customerName),
    'agent.name': agentName,
    'agent.first_name': firstName(agentName),
    'channel.name': channel?.name ?? t('editor.sampleChannelName'),
    'channel.help_text': channel?.helpText || undefined,
  };
}

export interface SegmentRisk {
  /** The answer as a customer of `values` would get it. */
  preview: ComposerAnalysis;
  /** Segments once the variables hold long values; null when the answer has no variables. */
  worstSegments: number | null;
  /** Why a reply can cost more than the preview shows; null when it cannot. */
  warning: string | null;
}

const listOf = (names: readonly string[]) => {
  const quoted = names.map((name) => `{{${name}}}`);
  return quoted.length === 1 ? quoted[0] : t('common.listAnd', { items: quoted.slice(0, -1).join(', '), last: quoted[quoted.length - 1] });
};

/**
 * Encoding, segments and cost of the answer with the preview's values, and whether longer values could push it over
 * a segment boundary: each variable may grow to `VARIABLE_ALLOWANCE` characters, and a name may be written in
 * Cyrillic, which turns a GSM-7 answer into Unicode (70 characters a segment instead of 160).
 */
export function segmentRisk(body: string, values: VariableValues, channel: Pick<ChannelView, 'pricePerSegment' | 'smartEncoding'> | undefined): SegmentRisk {
  const analyse = (text: string) => analyseReply(text, channel?.pricePerSegment, channel?.smartEncoding ?? false);
  const preview = analyse(renderTemplate(body, values).body);
  const names = variablesIn(body).filter((name) => (CANNED_ANSWER_VARIABLES as readonly string[]).includes(name));
  if (names.length === 0) return { preview, worstSegments: null, warning: null };

  const grown = (name: string, filler: string) => {
    const value = values[name as CannedAnswerVariable] ?? '';
    return value.length >= filler.length ? value : filler;
  };
  const long = analyse(renderTemplate(body, Object.fromEntries(names.map((name) => [name, grown(name, LONG_LATIN)]))).body);
  const nameVariables = names.filter((name) => NAME_VARIABLES.has(name));
  const cyrillic =
    preview.encoding === 'GSM-7' && nameVariables.length > 0
      ? analyse(renderTemplate(body, Object.fromEntries(names.map((name) => [name, NAME_VARIABLES.has(name) ? LONG_CYRILLIC : grown(name, LONG_LATIN)]))).body)
      : null;
  const worstSegments = Math.max(long.segments, cyrillic?.segments ?? 0);

  let warning: string | null = null;
  if (cyrillic && cyrillic.segments > long.segments && cyrillic.segments > preview.segments) {
    warning = t('segmentRisk.cyrillic', { variables: listOf(nameVariables), segments: cyrillic.segments, current: preview.segments });
  } else if (long.segments > preview.segments) {
    warning = t('segmentRisk.longer', { variables: listOf(names), allowance: VARIABLE_ALLOWANCE, segments: long.segments, current: preview.segments });
  }
  return { preview, worstSegments, warning };
}
