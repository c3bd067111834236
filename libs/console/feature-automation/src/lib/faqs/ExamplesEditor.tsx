import { RECOMMENDED_FAQ_EXAMPLES } from '@backtalk/contracts';
import { useTranslation } from '@backtalk/console/i18n';
import { Button, Chip, cx, FieldShell, Icon } from '@backtalk/console/ui';
import { useId, useState, type KeyboardEvent } from 'react';
import { addExamples, addKeywords, examplesAdvice, KEYWORD_MAX_LENGTH } from './faq-form';

export interface ExamplesEditorProps {
  examples: string[];
  onChange: (examples: string[]) => void;
  error?: string;
}

/** The customer questions an FAQ answers: one per row, added by typing (Enter) or pasting a list. */
export function ExamplesEditor({ examples, onChange, error }: ExamplesEditorProps) {
  const { t } = useTranslation('automation');
  const [draft, setDraft] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const labelId = useId();
  const advice = examplesAdvice(examples.length);
  const progress = Math.min(1, examples.length / RECOMMENDED_FAQ_EXAMPLES);

  const add = () => {
    const result = addExamples(examples, draft);
    if (result.added > 0) onChange(result.examples);
    setNotice(result.duplicates.length > 0 ? t('examples.alreadyThere', { examples: result.duplicates.map((text) => t('common.quoted', { text })).join(', ') }) : null);
    setDraft('');
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // Enter adds; Shift+Enter starts another line, for typing a list to add at once.
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      add();
    }
  };

  return (
    <div className="bt-field">
      <div className="bt-examples__head">
        <span className="bt-field__label" id={labelId}>
          {t('examples.label')}
        </span>
        <span className={cx('bt-examples__meter', examples.length >= RECOMMENDED_FAQ_EXAMPLES && 'bt-examples__meter--done')} aria-hidden="true">
          <span className="bt-examples__meter-track">
            <span className="bt-examples__meter-fill" style={{ width: `${progress * 100}%` }} />
          </span>
          {examples.length} / {RECOMMENDED_FAQ_EXAMPLES}
        </span>
      </div>
      {examples.length > 0 ? (
        <ol className="bt-examples" aria-labelledby={labelId}>
          {examples.map((example, index) => (
            <li key={`${index}-${example}`} className="bt-examples__item">
              <span className="bt-examples__text" translate="no">{example}</span>
              <button
                type="button"
                className="bt-icon-button"
                aria-label={t('examples.remove', { example })}
                title={t('common.remove')}
                onClick={() => onChange(examples.filter((_, at) => at !== index))}
              >
                <Icon name="close" size={13} />
              </button>
            </li>
          ))}
        </ol>
      ) : null}
      <div className="bt-input-row">
        <textarea
          className="bt-input bt-input--multiline bt-examples__input"
          // One line to type into; as many as a pasted list has, up to a few, so it can be checked before adding.
          rows={Math.min(6, draft.split('\n').length)}
          aria-label={t('examples.newLabel')}
          placeholder={t('examples.placeholder')}
          value={draft}
          onChange={(event) => {
            setDraft(event.target.value);
            setNotice(null);
          }}
          onKeyDown={onKeyDown}
        />
        <Button onClick={add} disabled={!draft.trim()}>
          {t('examples.add')}
        </Button>
      </div>
      {error ? <p className="bt-field__error">{error}</p> : null}
      {notice ? <p className="bt-field__hint">{notice}</p> : null}
      {!notice && !advice ? <p className="bt-field__hint">{t('examples.pasteHint')}</p> : null}
      {advice ? (
        <p className={cx('bt-examples__advice', examples.length > 0 && 'bt-examples__advice--few')} data-testid="examples-advice">
          <Icon name="info" size={13} />
          <span>{advice}</span>
        </p>
      ) : null}
    </div>
  );
}

/** Words that point at the FAQ on their own (a product name, "tracking"), shown as removable chips. */
export function KeywordsField({ keywords, onChange }: { keywords: string[]; onChange: (keywords: string[]) => void }) {
  const { t } = useTranslation('automation');
  const [draft, setDraft] = useState('');
  const commit = () => {
    if (!draft.trim()) return;
    onChange(addKeywords(keywords, draft));
    setDraft('');
  };
  return (
    <FieldShell label={t('examples.keywords')} hint={t('examples.keywordsHint')}>
      {(control) => (
        <div className="bt-chips-input">
          {keywords.map((keyword) => (
            <Chip key={keyword} removeLabel={t('examples.removeKeyword', { keyword })} onRemove={() => onChange(keywords.filter((known) => known !== keyword))}>
              {keyword}
            </Chip>
          ))}
          <input
            {...control}
            className="bt-chips-input__field"
            maxLength={KEYWORD_MAX_LENGTH}
            placeholder={keywords.length === 0 ? t('examples.keywordsPlaceholder') : ''}
            value={draft}
            onChange={(event) => {
              const value = event.target.value;
              if (value.includes(',')) {
                onChange(addKeywords(keywords, value));
                setDraft('');
              } else setDraft(value);
            }}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                commit();
              } else if (event.key === 'Backspace' && !draft && keywords.length > 0) {
                onChange(keywords.slice(0, -1));
              }
            }}
            onBlur={commit}
          />
        </div>
      )}
    </FieldShell>
  );
}
