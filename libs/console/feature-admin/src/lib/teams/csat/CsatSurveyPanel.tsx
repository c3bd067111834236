import type { CsatSurveySettingsView } from '@backtalk/contracts';
import { toFormErrors, useCsatSurveySettings, useToastActions, useUpdateCsatSurveySettings } from '@backtalk/console/data-access';
import { Button, Checkbox, Panel, SelectField, TextAreaField, TextField } from '@backtalk/console/ui';
import { CSAT_MESSAGE_MAX_LENGTH } from '@backtalk/contracts';
import type { FormEvent } from 'react';
import { FormFooter, QueryState, useFormState } from '../../shared';
import { CSAT_SERVER_FIELDS, csatFormFrom, smsCostHint, toUpdateCsatRequest, validateCsatForm, type CsatFormValues } from './csat-form';
import './csat-survey.css';

const THRESHOLDS = [1, 2, 3, 4].map((value) => ({ value: String(value), label: value === 1 ? 'Only 1' : `${value} or lower` }));

function CsatSurveyForm({ view }: { view: CsatSurveySettingsView }) {
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
            toastShown('success', 'Survey settings saved.');
          },
        },
      );
    });
  };

  return (
    <form className="bt-routing-form" onSubmit={submit} noValidate aria-label="Satisfaction survey">
      <Panel
        title="Satisfaction survey"
        description="After a conversation an agent answered is resolved, the customer gets one text asking for a score from 1 to 5. Their answer is recorded for reports and shown in the thread, and does not reopen the conversation unless you ask for it on a low score."
      >
        <div className="bt-form">
          <Checkbox
            label="Text customers a survey after a resolve"
            description="Only when a person replied in the conversation, never to customers who opted out, and only during business hours (it waits until the team opens)."
            checked={values.enabled}
            onChange={(event) => setField('enabled', event.target.checked)}
          />
          <div className="bt-csat-message">
            <TextAreaField
              label="Survey message"
              rows={3}
              maxLength={CSAT_MESSAGE_MAX_LENGTH}
              value={values.message}
              onChange={(event) => setField('message', event.target.value)}
              error={errors.message ?? server.fields['message']}
              hint={smsCostHint(values.message) ?? undefined}
            />
            <figure className="bt-csat-preview" aria-label="Preview of the survey SMS">
              <figcaption className="bt-muted">What the customer sees</figcaption>
              <p className="bt-csat-preview__bubble">{values.message.trim() || '…'}</p>
              {values.thankYou.trim() ? (
                <>
                  <p className="bt-csat-preview__bubble bt-csat-preview__bubble--customer">4 thanks!</p>
                  <p className="bt-csat-preview__bubble">{values.thankYou.trim()}</p>
                </>
              ) : null}
            </figure>
          </div>
          <TextAreaField
            label="Thank-you after a score (optional)"
            rows={2}
            maxLength={CSAT_MESSAGE_MAX_LENGTH}
            placeholder="Thank you for your feedback!"
            value={values.thankYou}
            onChange={(event) => setField('thankYou', event.target.value)}
            error={errors.thankYou ?? server.fields['thankYou']}
            hint={smsCostHint(values.thankYou) ?? 'Empty: no reply to the score.'}
          />
          <div className="bt-form__row bt-form__row--pairs">
            <TextField
              label="Send after (minutes)"
              inputMode="numeric"
              value={values.delayMinutes}
              onChange={(event) => setField('delayMinutes', event.target.value)}
              error={errors.delayMinutes ?? server.fields['delayMinutes']}
              hint="Counted from the resolve; a conversation reopened meanwhile is not surveyed."
            />
            <TextField
              label="At most once per customer every (days)"
              inputMode="numeric"
              value={values.minDaysBetween}
              onChange={(event) => setField('minDaysBetween', event.target.value)}
              error={errors.minDaysBetween ?? server.fields['minDaysBetween']}
              hint="A regular customer is not asked after every conversation."
            />
          </div>
          <Checkbox
            label="Reopen the conversation for a supervisor on a low score"
            description="It goes back to open, assigned to one of the team’s supervisors (one who is online if any is, otherwise the least busy), so a lead follows up with the customer; automation does not answer it. A team without a supervisor gets it back in its queue."
            checked={values.reopenOnLowScore}
            onChange={(event) => setField('reopenOnLowScore', event.target.checked)}
          />
          {values.reopenOnLowScore ? (
            <div className="bt-narrow">
              <SelectField label="Low score" value={values.lowScoreThreshold} onChange={(value) => setField('lowScoreThreshold', value)} options={THRESHOLDS} />
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
          Discard
        </Button>
        <Button type="submit" variant="primary" pending={update.isPending} disabled={!dirty}>
          Save survey
        </Button>
      </FormFooter>
    </form>
  );
}

/** The team's satisfaction survey, under its routing settings. */
export function CsatSurveyPanel({ teamId }: { teamId: string }) {
  const settings = useCsatSurveySettings(teamId);
  return (
    <QueryState what="survey settings" isPending={settings.isPending} error={settings.error} onRetry={() => void settings.refetch()}>
      {settings.data ? <CsatSurveyForm key={settings.data.teamId} view={settings.data} /> : null}
    </QueryState>
  );
}
