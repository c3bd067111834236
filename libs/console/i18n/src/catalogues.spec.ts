import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogueProblems } from './testing/catalogue-check';

const CONSOLE_LIBS = join(__dirname, '..', '..');

/** Every console library that keeps a catalogue, found on disk so a new library is checked without being listed. */
function librariesWithCatalogues(): string[] {
  return readdirSync(CONSOLE_LIBS, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(CONSOLE_LIBS, entry.name, 'src', 'i18n')))
    .map((entry) => entry.name)
    .sort();
}

function load(library: string, language: 'en' | 'uk'): Record<string, unknown> {
  const file = join(CONSOLE_LIBS, library, 'src', 'i18n', `${language}.ts`);
  if (!existsSync(file)) throw new Error(`${library} has src/i18n but no ${language}.ts`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the list of catalogues is only known at run time
  const catalogue = (require(file) as Record<string, unknown>)[language];
  if (!catalogue || typeof catalogue !== 'object') throw new Error(`${file} does not export const ${language}`);
  return catalogue as Record<string, unknown>;
}

describe('console catalogues', () => {
  const libraries = librariesWithCatalogues();

  it('are found for the libraries already translated', () => {
    expect(libraries).toEqual(expect.arrayContaining(['feature-auth', 'feature-shell', 'ui']));
  });

  it.each(libraries)('%s has the same messages, arguments and plurals in English and Ukrainian', (library) => {
    expect(catalogueProblems(load(library, 'en'), load(library, 'uk'))).toEqual([]);
  });

  it.each(libraries)('%s registers its messages under its own namespace when the library is imported', (library) => {
    const registration = readFileSync(join(CONSOLE_LIBS, library, 'src', 'i18n', 'index.ts'), 'utf8');
    expect(registration).toMatch(/registerMessages\('[a-z]+', \{ en, uk \}\)/);
    expect(readFileSync(join(CONSOLE_LIBS, library, 'src', 'index.ts'), 'utf8')).toMatch(/^import '\.\/i18n';$/m);
  });

  it('gives every library a namespace of its own', () => {
    const namespaces = libraries.map((library) => /registerMessages\('([a-z]+)'/.exec(readFileSync(join(CONSOLE_LIBS, library, 'src', 'i18n', 'index.ts'), 'utf8'))?.[1]);
    expect(new Set(namespaces).size).toBe(libraries.length);
  });
});

describe('the catalogue check', () => {
  const en = { inbox: { count: '{count, plural, one {# conversation} other {# conversations}}', greet: 'Hello {name}', brand: 'Backtalk SMS' } };
  const uk = { inbox: { count: '{count, plural, one {# розмова} few {# розмови} many {# розмов} other {# розмови}}', greet: 'Вітаємо, {name}', brand: 'Backtalk SMS' } };

  it('accepts a sound translation, brand names included', () => {
    expect(catalogueProblems(en, uk)).toEqual([]);
  });

  it('finds a key missing in either language', () => {
    expect(catalogueProblems(en, { inbox: { count: uk.inbox.count, brand: uk.inbox.brand } })).toEqual(['inbox.greet: missing in uk']);
    expect(catalogueProblems({ inbox: { count: en.inbox.count, brand: en.inbox.brand } }, uk)).toEqual(['inbox.greet: missing in en']);
  });

  it('finds a message that is not ICU', () => {
    expect(catalogueProblems(en, { inbox: { ...uk.inbox, greet: 'Вітаємо, {name' } })[0]).toMatch(/^inbox\.greet: uk is not an ICU message/);
  });

  it('finds different argument names', () => {
    expect(catalogueProblems(en, { inbox: { ...uk.inbox, greet: 'Вітаємо, {person}' } })).toEqual(['inbox.greet: arguments differ (en: name:plain; uk: person:plain)']);
  });

  it('finds an English plural translated without one', () => {
    expect(catalogueProblems(en, { inbox: { ...uk.inbox, count: '{count} розмов' } })).toEqual(['inbox.count: arguments differ (en: count:plural; uk: count:plain)', 'inbox.count: en has a plural on count, uk does not']);
  });

  it('finds a Ukrainian plural without the few and many forms', () => {
    expect(catalogueProblems(en, { inbox: { ...uk.inbox, count: '{count, plural, one {# розмова} other {# розмов}}' } })).toEqual(['inbox.count: uk plural on count lacks few, many']);
  });

  it('finds an empty translation and English text left in Ukrainian', () => {
    expect(catalogueProblems(en, { inbox: { ...uk.inbox, greet: ' ' } })).toEqual(['inbox.greet: empty in uk']);
    expect(catalogueProblems(en, { inbox: { ...uk.inbox, greet: 'Hello {name}' } })).toEqual(['inbox.greet: uk is the English text (Hello)']);
  });
});
