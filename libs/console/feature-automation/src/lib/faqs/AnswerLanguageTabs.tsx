import { ROUTING_LANGUAGES, type RoutingLanguage } from '@backtalk/contracts';
import { LANGUAGE_AUTONYMS } from '@backtalk/console/feature-inbox';
import { useTranslation } from '@backtalk/console/i18n';
import { Button, cx, Icon } from '@backtalk/console/ui';
import { formLanguages, textIn, type FaqFormValues } from './faq-form';
import './answer-languages.css';

export interface AnswerLanguageTabsProps {
  values: FaqFormValues;
  /** The language whose text the box below shows. */
  active: RoutingLanguage;
  /** Languages whose text has a problem, marked on their tab. */
  problems: Partial<Record<RoutingLanguage, string>>;
  onSelect: (language: RoutingLanguage) => void;
  onAdd: (language: RoutingLanguage) => void;
  onRemove: (language: RoutingLanguage) => void;
}

/** One button per language the answer has a text in (default first, empty and faulty ones marked), and ones to add the rest. */
export function AnswerLanguageTabs({ values, active, problems, onSelect, onAdd, onRemove }: AnswerLanguageTabsProps) {
  const { t } = useTranslation('automation');
  const languages = formLanguages(values);
  const addable = ROUTING_LANGUAGES.filter((language) => !languages.includes(language));
  return (
    <div className="bt-answer-languages" data-testid="answer-language-tabs">
      <div className="bt-answer-languages__tabs" role="group" aria-label={t('editor.textsByLanguage')}>
        {languages.map((language) => {
          const empty = !textIn(values, language).trim();
          return (
            <button
              key={language}
              type="button"
              className={cx('bt-answer-languages__tab', language === active && 'bt-answer-languages__tab--active', problems[language] && 'bt-answer-languages__tab--problem')}
              aria-pressed={language === active}
              data-language={language}
              onClick={() => onSelect(language)}
            >
              <span lang={language} translate="no">
                {LANGUAGE_AUTONYMS[language]}
              </span>
              {language === values.defaultLanguage ? <span className="bt-answer-languages__mark">{t('editor.defaultMark')}</span> : null}
              {problems[language] ? (
                <span className="bt-answer-languages__mark bt-answer-languages__mark--problem">{t('editor.textNeedsFixing')}</span>
              ) : empty ? (
                <span className="bt-answer-languages__mark">{t('editor.noTextYet')}</span>
              ) : null}
            </button>
          );
        })}
      </div>
      <div className="bt-answer-languages__actions">
        {addable.map((language) => (
          <button key={language} type="button" className="bt-answer-languages__add" aria-label={t('editor.addLanguage', { language })} onClick={() => onAdd(language)}>
            <Icon name="plus" size={12} />
            <span lang={language} translate="no">
              {LANGUAGE_AUTONYMS[language]}
            </span>
          </button>
        ))}
        {active !== values.defaultLanguage ? (
          <Button size="sm" variant="ghost" icon="trash" onClick={() => onRemove(active)}>
            {t('editor.removeLanguage', { language: active })}
          </Button>
        ) : null}
      </div>
    </div>
  );
}
