import type { CannedAnswerView } from '@backtalk/contracts';
import { useTranslation } from '@backtalk/console/i18n';
import { cx, Kbd, Spinner } from '@backtalk/console/ui';
import { useEffect, useRef } from 'react';
import { LanguageBadges } from '../answer-language/AnswerLanguage';
import { chosenBody, previewLine } from './canned-answers';

export interface CannedAnswerListProps {
  id: string;
  answers: CannedAnswerView[];
  highlighted: number;
  loading: boolean;
  error: string | null;
  /** Shown when nothing matches, e.g. "No canned answer starts with /xyz". */
  emptyText: string;
  onHighlight: (index: number) => void;
  onPick: (answer: CannedAnswerView) => void;
}

export const cannedOptionId = (listId: string, index: number) => `${listId}-option-${index}`;

/** Shortcode, title and a one-line preview per row; the same list serves the `/` popover and the picker. */
export function CannedAnswerList({ id, answers, highlighted, loading, error, emptyText, onHighlight, onPick }: CannedAnswerListProps) {
  const list = useRef<HTMLDivElement>(null);
  const { t } = useTranslation('inbox');
  useEffect(() => {
    list.current?.querySelector(`#${CSS.escape(cannedOptionId(id, highlighted))}`)?.scrollIntoView({ block: 'nearest' });
  }, [id, highlighted]);

  return (
    <div className="bt-canned__body">
      <div ref={list} id={id} className="bt-canned__list" role="listbox" aria-label={t('thread.canned.list')}>
        {answers.map((answer, index) => (
          <div
            key={answer.id}
            id={cannedOptionId(id, index)}
            role="option"
            aria-selected={index === highlighted}
            className={cx('bt-canned__option', 'bt-canned__option--languages', index === highlighted && 'bt-canned__option--active')}
            // Keep the focus where the agent types.
            onMouseDown={(event) => event.preventDefault()}
            onMouseEnter={() => onHighlight(index)}
            onClick={() => onPick(answer)}
          >
            <span className="bt-canned__shortcode" translate="no">/{answer.shortcode}</span>
            <span className="bt-canned__title" translate="no">
              {answer.title}
            </span>
            <LanguageBadges languages={answer.languages ?? []} chosen={answer.choice?.chosenLanguage} label={t('thread.canned.languages')} />
            <span className="bt-canned__preview" translate="no">
              {previewLine(chosenBody(answer))}
            </span>
            {answer.choice?.fallback && answer.choice.wantedLanguage ? (
              <span className="bt-canned__fallback" data-testid="canned-no-variant">
                {t('thread.canned.noVariant', { wanted: answer.choice.wantedLanguage, used: answer.choice.chosenLanguage })}
              </span>
            ) : null}
          </div>
        ))}
      </div>
      {answers.length === 0 ? (
        <p className="bt-canned__empty">{loading ? (
            <>
              <Spinner size="sm" /> {t('thread.canned.loading')}
            </>
          ) : (
            (error ?? emptyText)
          )}</p>
      ) : null}
      <p className="bt-canned__hint" aria-hidden="true">
        <Kbd>↑</Kbd>
        <Kbd>↓</Kbd> {t('thread.canned.move')} · <Kbd>↵</Kbd> {t('thread.canned.or')} <Kbd>Tab</Kbd> {t('thread.canned.insert')} · <Kbd>Esc</Kbd> {t('thread.canned.close')}
      </p>
    </div>
  );
}
