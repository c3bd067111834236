import { describeError, useUpdateMyPreferences, useToastActions } from '@backtalk/console/data-access';
import { CONSOLE_LANGUAGES, type ConsoleLanguage, LANGUAGE_NAMES, setConsoleLanguage, useConsoleLanguage, useTranslation } from '@backtalk/console/i18n';
import { Panel } from '@backtalk/console/ui';

/**
 * The console's language for this person. It switches at once, before the save answers, so the choice feels
 * immediate; a failed save says so and switches back.
 */
export function LanguagePanel() {
  const { t } = useTranslation('admin');
  const current = useConsoleLanguage();
  const update = useUpdateMyPreferences();
  const { toastShown } = useToastActions();

  const choose = (language: ConsoleLanguage) => {
    const previous = current;
    setConsoleLanguage(language);
    update.mutate(
      { locale: language },
      {
        // Read after the switch, so the confirmation is in the language just chosen.
        onSuccess: () => toastShown('success', t('profile.language.saved', { lng: language })),
        onError: (error) => {
          setConsoleLanguage(previous);
          toastShown('danger', t('profile.language.notSaved', { reason: describeError(error) }));
        },
      },
    );
  };

  return (
    <Panel title={t('profile.language.title')} description={t('profile.language.description')}>
      <fieldset className="bt-fieldset" disabled={update.isPending}>
        <legend className="bt-sr-only">{t('profile.language.legend')}</legend>
        {CONSOLE_LANGUAGES.map((language) => (
          <label key={language} className="bt-checkbox" lang={language}>
            <input type="radio" className="bt-checkbox__input" name="console-language" value={language} checked={current === language} onChange={() => choose(language)} />
            <span className="bt-checkbox__text">
              <span className="bt-checkbox__label" translate="no">
                {LANGUAGE_NAMES[language]}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
    </Panel>
  );
}
