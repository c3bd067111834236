import { Fragment } from 'react';

const escaped = (term: string) => term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The text with each search term marked, matched as the API matches (any case). React escapes every piece, so a
 * customer's message can never become markup.
 */
export function Highlighted({ text, query }: { text: string; query: string }) {
  const terms = [...new Set(query.trim().split(/\s+/).filter(Boolean))].sort((a, b) => b.length - a.length);
  if (terms.length === 0 || !text) return <>{text}</>;
  // The capture group keeps the matches in split's result, at the odd indexes.
  const parts = text.split(new RegExp(`(${terms.map(escaped).join('|')})`, 'gi'));
  return (
    <>
      {parts.map((part, index) => (index % 2 === 1 ? <mark key={index} className="bt-search-match">{part}</mark> : <Fragment key={index}>{part}</Fragment>))}
    </>
  );
}
