/** `%text%` for ILIKE, with `%`, `_` and `\` typed by a person taken literally rather than as wildcards. */
export const containsPattern = (text: string): string => `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
