import type { ReactNode } from 'react';

/**
 * `<term>Account SID</term>` in a catalogue sentence: a name from the provider's own console, which is in English
 * whatever the language of ours, so an admin can find it there only as it is written.
 */
const TERM = /<term>(.*?)<\/term>/g;

/** The sentence as plain text, for an accessible name or a list. */
export const withoutTermMarks = (text: string): string => text.replace(TERM, '$1');

/** The sentence with each provider term marked as words translation must leave alone. */
export function withProviderTerms(text: string): ReactNode {
  const pieces = text.split(TERM);
  if (pieces.length === 1) return text;
  // split() with a capture group puts each term at the odd indexes.
  return pieces.map((piece, index) =>
    index % 2 === 1 ? (
      <span key={index} translate="no">
        {piece}
      </span>
    ) : (
      piece
    ),
  );
}
