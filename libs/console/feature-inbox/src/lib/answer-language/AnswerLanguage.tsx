import { ROUTING_LANGUAGES, type RoutingLanguage } from '@backtalk/contracts';
import { describeError, useContact, useSetContactLanguage, useToastActions } from '@backtalk/console/data-access';
import { useTranslation } from '@backtalk/console/i18n';
import { cx, FieldShell, LANGUAGE_LABELS, Spinner } from '@backtalk/console/ui';
import { LANGUAGE_AUTONYMS, languageCode } from './answer-language';
import './answer-language.css';

export interface LanguageBadgesProps {
  languages: readonly RoutingLanguage[];
  /** The one used for the conversation at hand, highlighted. */
  chosen?: RoutingLanguage;
  /** The language the list is named by for screen readers. */
  label: string;
}

/** An answer's languages as small code badges ("EN UK"), the one that will be used highlighted. */
export function LanguageBadges({ languages, chosen, label }: LanguageBadgesProps) {
  if (languages.length === 0) return null;
  return (
    <span className="bt-language-badges" role="list" aria-label={label} data-testid="answer-languages">
      {languages.map((language) => (
        <span
          key={language}
          role="listitem"
          className={cx('bt-language-badge', language === chosen && 'bt-language-badge--chosen')}
          title={LANGUAGE_LABELS[language]}
          aria-current={language === chosen ? 'true' : undefined}
          data-language={language}
        >
          <span aria-hidden="true" translate="no">
            {languageCode(language)}
          </span>
          <span className="bt-sr-only">{LANGUAGE_LABELS[language]}</span>
        </span>
      ))}
    </span>
  );
}

export interface ContactAnswerLanguageProps {
  contactId: string;
  /** What the customer's messages were recognised as, shown on the "Automatic" choice. */
  detected: RoutingLanguage | null;
}

/** "Language for answers": automatic (detected from the messages) or one set for the contact, saved as it changes. */
export function ContactAnswerLanguage({ contactId, detected }: ContactAnswerLanguageProps) {
  const { t } = useTranslation('inbox');
  const { data: contact, isPending } = useContact(contactId);
  const save = useSetContactLanguage();
  const { toastShown } = useToastActions();
  if (isPending || !contact) return <Spinner size="sm" />;
  const automatic = detected ? t('thread.contact.answerLanguageAutomatic', { language: LANGUAGE_LABELS[detected] }) : t('thread.contact.answerLanguageUndetected');
  return (
    <LanguageSelect
      label={t('thread.contact.answerLanguage')}
      value={contact.language ?? ''}
      disabled={save.isPending}
      emptyOption={automatic}
      languages={ROUTING_LANGUAGES}
      onChange={(language) => save.mutate({ contactId, language }, { onSuccess: () => toastShown('success', t('thread.contact.answerLanguageSaved')) })}
      hint={t('thread.contact.answerLanguageHint')}
      error={save.error ? describeError(save.error) : null}
      testId="contact-answer-language"
    />
  );
}

export interface LanguageSelectProps {
  label: string;
  /** '' for the empty option. */
  value: RoutingLanguage | '';
  languages: readonly RoutingLanguage[];
  /** A first option meaning "none chosen" (e.g. automatic); without it a language is always chosen. */
  emptyOption?: string;
  onChange: (language: RoutingLanguage | null) => void;
  hint?: string;
  error?: string | null;
  disabled?: boolean;
  testId?: string;
}

/** A choice of languages, each named in itself and marked as such so neither translators nor readers mangle it. */
export function LanguageSelect({ label, value, languages, emptyOption, onChange, hint, error, disabled, testId }: LanguageSelectProps) {
  return (
    <FieldShell label={label} hint={hint} error={error ?? undefined}>
      {(control) => (
        <select
          {...control}
          className="bt-input bt-select"
          value={value}
          disabled={disabled}
          data-testid={testId}
          onChange={(event) => onChange(event.target.value === '' ? null : (event.target.value as RoutingLanguage))}
        >
          {emptyOption !== undefined ? <option value="">{emptyOption}</option> : null}
          {languages.map((language) => (
            <option key={language} value={language} lang={language} translate="no">
              {LANGUAGE_AUTONYMS[language]}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}
