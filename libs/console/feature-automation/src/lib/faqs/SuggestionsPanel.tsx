import type { CannedAnswerView } from '@backtalk/contracts';
import { describeError, useAddFaqExample, useFaqSuggestions, useToastActions } from '@backtalk/console/data-access';
import { Button, formatDateTime, Panel, Spinner } from '@backtalk/console/ui';
import { containsText } from '@backtalk/console/feature-inbox';

export interface SuggestionsPanelProps {
  answer: CannedAnswerView;
  /** Examples as the form holds them, saved or not, so a suggestion already typed in is not offered again. */
  examples: readonly string[];
  /** The example is saved on the server already; the form adds it to its own list too. */
  onAdded: (text: string) => void;
}

/** Learning: customer messages agents answered with this answer, one click from becoming examples. */
export function SuggestionsPanel({ answer, examples, onAdded }: SuggestionsPanelProps) {
  const suggestions = useFaqSuggestions(answer.id);
  const add = useAddFaqExample();
  const { toastShown } = useToastActions();
  const shown = (suggestions.data ?? []).filter((suggestion) => !containsText(examples, suggestion.text));

  return (
    <Panel title="Suggested examples" description="What customers asked when agents answered with this answer.">
      {suggestions.isPending ? (
        <Spinner size="sm" />
      ) : suggestions.error ? (
        <p className="bt-field__error">Couldn't load suggestions: {describeError(suggestions.error)}</p>
      ) : shown.length === 0 ? (
        <p className="bt-muted bt-small">None waiting. When an agent answers a customer with /{answer.shortcode}, the customer's question shows up here.</p>
      ) : (
        <ul className="bt-suggestions" aria-label="Suggested examples">
          {shown.map((suggestion) => (
            <li key={suggestion.messageId} className="bt-suggestions__item">
              <p className="bt-suggestions__text">“{suggestion.text}”</p>
              <div className="bt-suggestions__meta">
                <time dateTime={suggestion.answeredAt}>Answered {formatDateTime(suggestion.answeredAt)}</time>
                <Button
                  size="sm"
                  icon="plus"
                  pending={add.isPending && add.variables?.text === suggestion.text}
                  aria-label={`Add “${suggestion.text}” as an example`}
                  onClick={() =>
                    add.mutate(
                      { answerId: answer.id, text: suggestion.text },
                      {
                        onSuccess: () => onAdded(suggestion.text),
                        onError: (error) => toastShown('danger', `Couldn't add the example: ${describeError(error)}`),
                      },
                    )
                  }
                >
                  Add as example
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
