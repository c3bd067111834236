import { expect, type Page } from '@playwright/test';

/**
 * Latin words a Ukrainian screen may show as they are: the product, formats and abbreviations people read in Latin
 * letters, the SMS providers' product names, and the carrier keywords customers text. Any other Latin word on a
 * Ukrainian screen, outside content marked `translate="no"`, is interface text nobody translated.
 */
export const UNTRANSLATED_ALLOWED_WORDS = new Set([
  'Backtalk',
  'Mac',
  'SMS',
  'MMS',
  'CSV',
  'API',
  'URL',
  'FAQ',
  'CSAT',
  'SLA',
  'ID',
  'IP',
  'CRM',
  'VIP',
  'email',
  'GSM',
  'UCS',
  'Twilio',
  'Infobip',
  'Vonage',
  'Telnyx',
  'Plivo',
  'Sinch',
  'Bandwidth',
  'STOP',
  'START',
  'HELP',
  // Keys, as printed on the keyboard a sentence asks to press.
  'Enter',
  'Ctrl',
  'Esc',
  'Tab',
  'Shift',
]);

/** A piece of visible text and where on the page it was read. */
export interface VisibleText {
  text: string;
  where: string;
}

export interface UntranslatedWord {
  word: string;
  text: string;
  where: string;
}

// Two letters or more: "E.164" and a stray "x" of a size ("2 x 3") are formats, not words.
const LATIN_RUN = /\p{Script=Latin}{2,}/gu;

/** `{{contact.first_name}}`: a canned answer's variable is written the same in every language. */
const TEMPLATE_VARIABLE = /\{\{[^{}]*\}\}/g;

const REGION_NAMES = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

/** "UA" beside a channel's number: an ISO 3166 country code, as a phone number's country is written everywhere. */
function isCountryCode(word: string): boolean {
  return /^[A-Z]{2}$/.test(word) && REGION_NAMES.of(word) !== undefined;
}

/** ISO 4217 codes ("USD", "UAH") are how prices and currency pickers name money in any language. */
const CURRENCY_CODES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

/**
 * Every Latin word of two or more letters in `texts` that the allow-list does not name, with where it stood. `data`
 * is the content the page marks `translate="no"` (names, message bodies...): an accessible name such as "Edit: Ada
 * Admin" or a tab title holds it inside interface text, so it is taken out before the words are read.
 */
export function untranslatedWords(texts: readonly VisibleText[], data: readonly string[] = [], allowed: ReadonlySet<string> = UNTRANSLATED_ALLOWED_WORDS): UntranslatedWord[] {
  const longestFirst = [...new Set(data.map((entry) => entry.trim()).filter((entry) => entry.length > 1))].sort((a, b) => b.length - a.length);
  const found: UntranslatedWord[] = [];
  for (const { text, where } of texts) {
    const interfaceText = longestFirst.reduce((remaining, entry) => remaining.split(entry).join(' '), text).replace(TEMPLATE_VARIABLE, ' ');
    for (const [word] of interfaceText.matchAll(LATIN_RUN)) {
      if (!allowed.has(word) && !CURRENCY_CODES.has(word) && !isCountryCode(word)) found.push({ word, text: text.trim().replace(/\s+/g, ' ').slice(0, 120), where });
    }
  }
  return found;
}

/**
 * The text a person sees or hears on the page now, open dialogs and menus included: visible text nodes and the
 * accessible names, placeholders and titles of visible elements, skipping everything inside `translate="no"` (the
 * customers', agents' and admins' own words). Runs in the browser, so it uses nothing from this module.
 */
function collectVisibleText(): { texts: VisibleText[]; data: string[] } {
  const describe = (element: Element): string => {
    const parts: string[] = [];
    for (let current: Element | null = element; current && current !== document.body && parts.length < 3; current = current.parentElement) {
      const label = current.getAttribute('aria-label') ?? current.getAttribute('data-testid') ?? current.getAttribute('role') ?? current.id;
      const className = typeof current.className === 'string' ? current.className.split(' ')[0] : '';
      parts.unshift(`${current.tagName.toLowerCase()}${className ? `.${className}` : ''}${label ? `[${label.slice(0, 40)}]` : ''}`);
    }
    return parts.join(' > ');
  };
  // A text box shows what someone typed or saved, and a key cap is printed in Latin on the keyboard itself.
  const excluded = (element: Element) => element.closest('[translate="no"], textarea, kbd, script, style, noscript, template') !== null;
  const visible = (element: Element): boolean => {
    // A closed select's options are still what it offers; they show as soon as it opens.
    const select = element.closest('select');
    if (select) return select.checkVisibility({ visibilityProperty: true });
    return element.checkVisibility({ opacityProperty: false, visibilityProperty: true });
  };
  const texts: VisibleText[] = [];
  if (document.title) texts.push({ text: document.title, where: 'document title' });
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    const text = node.textContent ?? '';
    if (!parent || !text.trim() || excluded(parent) || !visible(parent)) continue;
    texts.push({ text, where: describe(parent) });
  }
  for (const element of Array.from(document.body.querySelectorAll('[aria-label], [placeholder], [title], [alt], [aria-roledescription], [aria-valuetext], input[type="submit"], input[type="button"]'))) {
    if (excluded(element) || !visible(element)) continue;
    for (const attribute of ['aria-label', 'placeholder', 'title', 'alt', 'aria-roledescription', 'aria-valuetext']) {
      const value = element.getAttribute(attribute);
      if (value?.trim()) texts.push({ text: value, where: `${describe(element)} @${attribute}` });
    }
    if (element instanceof HTMLInputElement && (element.type === 'submit' || element.type === 'button') && element.value) texts.push({ text: element.value, where: `${describe(element)} @value` });
  }
  // Each piece of data whole and each text inside it, since a marked title may hold a badge beside the name.
  const data: string[] = [];
  for (const element of Array.from(document.body.querySelectorAll('[translate="no"]'))) {
    data.push(element.textContent ?? '');
    const inside = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = inside.nextNode(); node; node = inside.nextNode()) data.push(node.textContent ?? '');
  }
  return { texts, data };
}

/**
 * Fails (softly, so one run reports every screen it visits) with every Latin word on the page that is neither an
 * allowed brand or format nor inside content marked `translate="no"`: on a Ukrainian screen, English that escaped
 * the catalogues. `screen` names the screen in the failure.
 */
export async function expectNoUntranslatedText(page: Page, screen: string): Promise<void> {
  // The list and thread fill in after the route renders; scanning a half-drawn screen would miss their text.
  await page.waitForLoadState('networkidle', { timeout: 3_000 }).catch(() => undefined);
  const { texts, data } = await page.evaluate(collectVisibleText);
  const words = untranslatedWords(texts, data);
  const report = words.map(({ word, text, where }) => `  "${word}" in "${text}" at ${where}`).join('\n');
  expect.soft(words.map(({ word }) => word), `untranslated text on ${screen}:\n${report}`).toEqual([]);
}
