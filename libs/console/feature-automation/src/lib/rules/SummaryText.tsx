import { summaryParts } from './rule-summary';

/** A rule summary written with `markSummaryData`: the names and words it quotes are marked as data, not interface text. */
export function SummaryText({ summary }: { summary: string }) {
  return (
    <>
      {summaryParts(summary).map((part, index) =>
        part.isData ? (
          <span key={index} translate="no">
            {part.text}
          </span>
        ) : (
          part.text
        ),
      )}
    </>
  );
}
