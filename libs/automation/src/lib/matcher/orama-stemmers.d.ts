// The package publishes its per-language entry points through package.json "exports", which this workspace's
// "node" module resolution does not read for types; Node itself resolves them at run time.
declare module '@orama/stemmers/english' {
  export function stemmer(word: string): string;
}
declare module '@orama/stemmers/russian' {
  export function stemmer(word: string): string;
}
declare module '@orama/stemmers/ukrainian' {
  export function stemmer(word: string): string;
}
