import { isArgumentElement, isDateElement, isLiteralElement, isNumberElement, isPluralElement, isSelectElement, isTagElement, isTimeElement, type MessageFormatElement, parse } from '@formatjs/icu-messageformat-parser';

/**
 * Words that stay the same in Ukrainian text: brands, formats and abbreviations people read as they are. Anything
 * else in Latin letters that a Ukrainian message shares with the English one is a string nobody translated.
 */
export const UNTRANSLATED_ALLOWED = new Set(['Backtalk', 'SMS', 'CSV', 'API', 'URL', 'E.164', 'FAQ', 'CSAT', 'SLA', 'ID', 'IP', 'email']);

const UKRAINIAN_PLURAL_CATEGORIES = ['one', 'few', 'many', 'other'];

type Tree = { readonly [key: string]: unknown };

/** Every message of a catalogue by its dotted key, as `t('screen.key')` finds it. */
export function flatten(catalogue: Tree, prefix = ''): Map<string, unknown> {
  const messages = new Map<string, unknown>();
  for (const [key, value] of Object.entries(catalogue)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object') for (const [inner, message] of flatten(value as Tree, path)) messages.set(inner, message);
    else messages.set(path, value);
  }
  return messages;
}

interface Shape {
  /** Every argument by name with how it is formatted ("plain", "number", "plural"...). */
  readonly argumentKinds: Map<string, Set<string>>;
  readonly choices: Array<{ kind: 'plural' | 'select'; argument: string; options: string[] }>;
  readonly tags: Set<string>;
  readonly text: string[];
}

function shapeOf(elements: MessageFormatElement[], shape: Shape = { argumentKinds: new Map(), choices: [], tags: new Set(), text: [] }): Shape {
  const note = (name: string, kind: string) => shape.argumentKinds.set(name, (shape.argumentKinds.get(name) ?? new Set()).add(kind));
  for (const element of elements) {
    if (isLiteralElement(element)) shape.text.push(element.value);
    else if (isArgumentElement(element)) note(element.value, 'plain');
    else if (isNumberElement(element) || isDateElement(element) || isTimeElement(element)) note(element.value, ['', '', 'number', 'date', 'time'][element.type]);
    else if (isPluralElement(element) || isSelectElement(element)) {
      const kind = isPluralElement(element) ? 'plural' : 'select';
      note(element.value, kind);
      shape.choices.push({ kind, argument: element.value, options: Object.keys(element.options) });
      for (const option of Object.values(element.options)) shapeOf(option.value, shape);
    } else if (isTagElement(element)) {
      shape.tags.add(element.value);
      shapeOf(element.children, shape);
    }
  }
  return shape;
}

function describeKinds(kinds: Map<string, Set<string>>): string {
  return [...kinds].map(([name, how]) => `${name}:${[...how].sort().join('|')}`).sort().join(', ');
}

function untranslatedWords(text: string): string[] {
  return (text.match(/[A-Za-z][A-Za-z.]*[A-Za-z]|[A-Za-z]/g) ?? []).filter((word) => !UNTRANSLATED_ALLOWED.has(word));
}

/** Everything wrong with one language pair of a catalogue, as sentences naming the key; empty when it is sound. */
export function catalogueProblems(en: Tree, uk: Tree): string[] {
  const problems: string[] = [];
  const english = flatten(en);
  const ukrainian = flatten(uk);
  for (const key of english.keys()) if (!ukrainian.has(key)) problems.push(`${key}: missing in uk`);
  for (const key of ukrainian.keys()) if (!english.has(key)) problems.push(`${key}: missing in en`);

  for (const [key, englishMessage] of english) {
    const ukrainianMessage = ukrainian.get(key);
    if (ukrainianMessage === undefined) continue;
    if (typeof englishMessage !== 'string' || typeof ukrainianMessage !== 'string') {
      problems.push(`${key}: not a string`);
      continue;
    }
    if (englishMessage.trim() === '') problems.push(`${key}: empty in en`);
    if (ukrainianMessage.trim() === '') {
      problems.push(`${key}: empty in uk`);
      continue;
    }
    let englishShape: Shape;
    let ukrainianShape: Shape;
    try {
      englishShape = shapeOf(parse(englishMessage));
    } catch (error) {
      problems.push(`${key}: en is not an ICU message (${(error as Error).message})`);
      continue;
    }
    try {
      ukrainianShape = shapeOf(parse(ukrainianMessage));
    } catch (error) {
      problems.push(`${key}: uk is not an ICU message (${(error as Error).message})`);
      continue;
    }
    const englishArguments = describeKinds(englishShape.argumentKinds);
    const ukrainianArguments = describeKinds(ukrainianShape.argumentKinds);
    if (englishArguments !== ukrainianArguments) problems.push(`${key}: arguments differ (en: ${englishArguments || 'none'}; uk: ${ukrainianArguments || 'none'})`);
    if ([...englishShape.tags].sort().join() !== [...ukrainianShape.tags].sort().join()) problems.push(`${key}: tags differ`);
    for (const choice of englishShape.choices) {
      const matching = ukrainianShape.choices.filter((other) => other.kind === choice.kind && other.argument === choice.argument);
      if (matching.length === 0) problems.push(`${key}: en has a ${choice.kind} on ${choice.argument}, uk does not`);
      if (choice.kind === 'select') {
        for (const other of matching) {
          const missing = choice.options.filter((option) => !other.options.includes(option));
          if (missing.length) problems.push(`${key}: uk select on ${choice.argument} lacks ${missing.join(', ')}`);
        }
      }
    }
    for (const choice of ukrainianShape.choices) {
      if (choice.kind !== 'plural') continue;
      const missing = UKRAINIAN_PLURAL_CATEGORIES.filter((category) => !choice.options.includes(category));
      if (missing.length) problems.push(`${key}: uk plural on ${choice.argument} lacks ${missing.join(', ')}`);
    }
    if (ukrainianMessage === englishMessage) {
      const words = untranslatedWords(ukrainianShape.text.join(' '));
      if (words.length) problems.push(`${key}: uk is the English text (${words.join(' ')})`);
    }
  }
  return problems;
}
