import type { CannedAnswerView } from '@backtalk/contracts';
import { describeError, useAddFaqExample, useFaqSuggestions, useToastActions } from '@backtalk/console/data-access';
import { useTranslation } from '@backtalk/console/i18n';
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
  const { t } = useTranslation('automation');
  const suggestions = useFaqSuggestions(answer.id);
  const add = useAddFaqExample();
  const { toastShown } = useToastActions();
  const shown = (suggestions.data ?? []).filter((suggestion) => !containsText(examples, suggestion.text));

  return (
    <Panel title={t('suggestions.title')} description={t('suggestions.description')}>
      {suggestions.isPending ? (
        <Spinner size="sm" />
      ) : suggestions.error ? (
        <p className="bt-field__error">{t('suggestions.loadFailed', { error: describeError(suggestions.error) })}</p>
      ) : shown.length === 0 ? (
        <p className="bt-muted bt-small">{t('suggestions.none', { shortcode: answer.shortcode })}</p>
      ) : (
        <ul className="bt-suggestions" aria-label={t('suggestions.title')}>
          {shown.map((suggestion) => (
            <li key={suggestion.messageId} className="bt-suggestions__item">
              <p className="bt-suggestions__text">“{suggestion.text}”</p>
              <div className="bt-suggestions__meta">
                <time dateTime={suggestion.answeredAt}>{t('suggestions.answered', { when: formatDateTime(suggestion.answeredAt) })}</time>
                <Button
                  size="sm"
                  icon="plus"
                  pending={add.isPending && add.variables?.text === suggestion.text}
                  aria-label={t('suggestions.addLabel', { text: suggestion.text })}
                  onClick={() =>
                    add.mutate(
                      { answerId: answer.id, text: suggestion.text },
                      {
                        onSuccess: () => onAdded(suggestion.text),
                        onError: (error) => toastShown('danger', t('suggestions.addFailed', { error: describeError(error) })),
                      },
                    )
                  }
                >
                  {t('suggestions.add')}
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
