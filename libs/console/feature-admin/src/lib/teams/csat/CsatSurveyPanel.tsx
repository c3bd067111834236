import type { CsatSurveySettingsView } from '@backtalk/contracts';
import { toFormErrors, useCsatSurveySettings, useToastActions, useUpdateCsatSurveySettings } from '@backtalk/console/data-access';
import { Button, Checkbox, Panel, SelectField, TextAreaField, TextField } from '@backtalk/console/ui';
import { CSAT_MESSAGE_MAX_LENGTH } from '@backtalk/contracts';
import { useTranslation } from '@backtalk/console/i18n';
import type { FormEvent } from 'react';
import { FormFooter, QueryState, useFormState } from '../../shared';
import { CSAT_SERVER_FIELDS, csatFormFrom, smsCostHint, toUpdateCsatRequest, validateCsatForm, type CsatFormValues } from './csat-form';
import './csat-survey.css';

function CsatSurveyForm({ view }: { view: CsatSurveySettingsView }) {
  const { t } = useTranslation('admin');
  const form = useFormState<CsatFormValues>(() => csatFormFrom(view));
  const update = useUpdateCsatSurveySettings();
  const { toastShown } = useToastActions();
  const server = toFormErrors(update.error, CSAT_SERVER_FIELDS);
  const { values, errors, setField } = form;
  const dirty = Object.keys(toUpdateCsatRequest(view, values)).length > 0;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    form.submitWith(validateCsatForm, (valid) => {
      const changes = toUpdateCsatRequest(view, valid);
      if (Object.keys(changes).length === 0) return;
      update.mutate(
        { teamId: view.teamId, changes },
        {
          onSuccess: (saved) => {
            form.setValues(csatFormFrom(saved));
            toastShown('success', t('csat.saved'));
          },
        },
      );
    });
  };

  return (
    <form className="bt-routing-form" onSubmit={submit} noValidate aria-label={t('csat.title')}>
      <Panel
        title={t('csat.title')}
        description={t('csat.description')}
      >
        <div className="bt-form">
          <Checkbox
            label={t('csat.enabled')}
            description={t('csat.enabledHint')}
            checked={values.enabled}
            onChange={(event) => setField('enabled', event.target.checked)}
          />
          <div className="bt-csat-message">
            <TextAreaField
              label={t('csat.message')}
              rows={3}
              maxLength={CSAT_MESSAGE_MAX_LENGTH}
              value={values.message}
              onChange={(event) => setField('message', event.target.value)}
              error={errors.message ?? server.fields['message']}
              hint={smsCostHint(values.message) ?? undefined}
            />
            <figure className="bt-csat-preview" aria-label={t('csat.preview')}>
              <figcaption className="bt-muted">{t('csat.previewCaption')}</figcaption>
              <p className="bt-csat-preview__bubble" translate="no">{values.message.trim() || '…'}</p>
              {values.thankYou.trim() ? (
                <>
                  <p className="bt-csat-preview__bubble bt-csat-preview__bubble--customer">{t('csat.previewAnswer')}</p>
                  <p className="bt-csat-preview__bubble" translate="no">{values.thankYou.trim()}</p>
                </>
              ) : null}
            </figure>
          </div>
          <TextAreaField
            label={t('csat.thankYou')}
            rows={2}
            maxLength={CSAT_MESSAGE_MAX_LENGTH}
            placeholder={t('csat.thankYouPlaceholder')}
            value={values.thankYou}
            onChange={(event) => setField('thankYou', event.target.value)}
            error={errors.thankYou ?? server.fields['thankYou']}
            hint={smsCostHint(values.thankYou) ?? t('csat.thankYouEmpty')}
          />
          <div className="bt-form__row bt-form__row--pairs">
            <TextField
              label={t('csat.delay')}
              inputMode="numeric"
              value={values.delayMinutes}
              onChange={(event) => setField('delayMinutes', event.target.value)}
              error={errors.delayMinutes ?? server.fields['delayMinutes']}
              hint={t('csat.delayHint')}
            />
            <TextField
              label={t('csat.daysBetween')}
              inputMode="numeric"
              value={values.minDaysBetween}
              onChange={(event) => setField('minDaysBetween', event.target.value)}
              error={errors.minDaysBetween ?? server.fields['minDaysBetween']}
              hint={t('csat.daysBetweenHint')}
            />
          </div>
          <Checkbox
            label={t('csat.reopen')}
            description={t('csat.reopenHint')}
            checked={values.reopenOnLowScore}
            onChange={(event) => setField('reopenOnLowScore', event.target.checked)}
          />
          {values.reopenOnLowScore ? (
            <div className="bt-narrow">
              <SelectField
                label={t('csat.lowScore')}
                value={values.lowScoreThreshold}
                onChange={(value) => setField('lowScoreThreshold', value)}
                options={[1, 2, 3, 4].map((score) => ({ value: String(score), label: t('csat.threshold', { score }) }))}
              />
            </div>
          ) : null}
        </div>
      </Panel>
      <FormFooter error={server.form} dirty={dirty}>
        <Button
          disabled={!dirty || update.isPending}
          onClick={() => {
            form.setValues(csatFormFrom(view));
            update.reset();
          }}
        >
          {t('routing.discard')}
        </Button>
        <Button type="submit" variant="primary" pending={update.isPending} disabled={!dirty}>
          {t('csat.save')}
        </Button>
      </FormFooter>
    </form>
  );
}

/** The team's satisfaction survey, under its routing settings. */
export function CsatSurveyPanel({ teamId }: { teamId: string }) {
  const { t } = useTranslation('admin');
  const settings = useCsatSurveySettings(teamId);
  return (
    <QueryState loadingLabel={t('csat.loading')} errorTitle={t('csat.loadFailed')} isPending={settings.isPending} error={settings.error} onRetry={() => void settings.refetch()}>
      {settings.data ? <CsatSurveyForm key={settings.data.teamId} view={settings.data} /> : null}
    </QueryState>
  );
}
