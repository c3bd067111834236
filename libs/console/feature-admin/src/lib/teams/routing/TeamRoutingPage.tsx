import { AssignmentPolicy, Role, WEEKDAYS, type TeamRoutingView, type Weekday } from '@backtalk/contracts';
import { toFormErrors, useQueues, useSignedInUser, useTeamRouting, useTeams, useToastActions, useUpdateTeamRouting } from '@backtalk/console/data-access';
import { Banner, Button, Checkbox, cx, FieldShell, Icon, LANGUAGE_LABELS, PageHeader, Panel, POLICY_LABELS, SelectField, TextAreaField, TextField } from '@backtalk/console/ui';
import { analyseSms } from '@backtalk/sms';
import { useTranslation } from '@backtalk/console/i18n';
import { useMemo, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { FormFooter, QueryState, useFormState } from '../../shared';
import {
  OUT_OF_OFFICE_MAX_LENGTH,
  ROUTING_SERVER_FIELDS,
  routingFormFrom,
  toUpdateRoutingRequest,
  validateRoutingForm,
  type RoutingFormField,
  type RoutingFormValues,
} from './routing-form';
import { timeZoneOptions, zoneLabel } from './schedule';
import { HolidayList, ScheduleEditor } from './ScheduleEditor';
import { CsatSurveyPanel } from '../csat/CsatSurveyPanel';

const POLICIES: readonly AssignmentPolicy[] = [AssignmentPolicy.Manual, AssignmentPolicy.RoundRobin, AssignmentPolicy.LeastLoaded];

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

function supportedZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
}

function TimeZoneSelect({ value, onChange, error }: { value: string; onChange: (zone: string) => void; error?: string }) {
  const { t } = useTranslation('admin');
  const options = useMemo(() => timeZoneOptions(value, browserZone(), supportedZones()), [value]);
  const now = useMemo(() => new Date(), []);
  return (
    <FieldShell label={t('routing.hours.timeZone')} error={error} hint={t('routing.hours.timeZoneHint')}>
      {(control) => (
        <select className="bt-input bt-select" value={value} onChange={(event) => onChange(event.target.value)} {...control}>
          <optgroup label={t('routing.hours.commonZones')}>
            {options.common.map((zone) => (
              <option key={zone} value={zone} translate="no">
                {zoneLabel(zone, now)}
              </option>
            ))}
          </optgroup>
          {options.others.length > 0 ? (
            <optgroup label={t('routing.hours.allZones')}>
              {options.others.map((zone) => (
                <option key={zone} value={zone} translate="no">
                  {zone.replace(/_/g, ' ')}
                </option>
              ))}
            </optgroup>
          ) : null}
        </select>
      )}
    </FieldShell>
  );
}

/** How long an out-of-office reply is as an SMS: long ones cost several segments each time they are sent. */
function segmentHint(text: string, t: (key: string, values?: Record<string, unknown>) => string): string {
  if (!text.trim()) return t('routing.hours.outOfOfficeEmpty');
  const analysis = analyseSms(text);
  return t('routing.hours.outOfOfficeSegments', { encoding: analysis.encoding === 'UCS-2' ? 'Unicode' : 'GSM-7', count: analysis.segments });
}

function RoutingForm({ view }: { view: TeamRoutingView }) {
  const { t } = useTranslation('admin');
  const form = useFormState<RoutingFormValues, RoutingFormField>(() => routingFormFrom(view, browserZone()));
  const update = useUpdateTeamRouting();
  const { toastShown } = useToastActions();
  const { data: queues } = useQueues();
  const isAdmin = useSignedInUser().role === Role.Admin;
  const languagesOf = useMemo(() => new Map((queues ?? []).flatMap((queue) => queue.agents).map((agent) => [agent.userId, agent.languages])), [queues]);
  const server = toFormErrors(update.error, ROUTING_SERVER_FIELDS);
  const { values, errors, setField } = form;
  const changes = toUpdateRoutingRequest(view, values);
  const dirty = Object.keys(changes).length > 0;
  const defaultLabel = values.defaultCapacity.trim() ? t('routing.agents.teamDefault', { capacity: values.defaultCapacity.trim() }) : t('routing.agents.teamDefaultNoLimit');
  const dayErrors = Object.fromEntries(WEEKDAYS.map((day) => [day, errors[`day:${day}`]]).filter(([, message]) => message)) as Partial<Record<Weekday, string>>;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    form.submitWith(validateRoutingForm, (valid) => {
      const request = toUpdateRoutingRequest(view, valid);
      if (Object.keys(request).length === 0) return;
      update.mutate(
        { teamId: view.teamId, changes: request },
        {
          onSuccess: (saved) => {
            form.setValues(routingFormFrom(saved, browserZone()));
            toastShown('success', t('routing.saved'));
          },
        },
      );
    });
  };

  return (
    <form className="bt-routing-form" onSubmit={submit} noValidate aria-label={t('routing.settings')}>
      <Panel title={t('routing.assignment.title')} description={t('routing.assignment.description')}>
        <div className="bt-form">
          <fieldset className="bt-field">
            <legend className="bt-field__label">{t('routing.assignment.policy')}</legend>
            <div className="bt-choice-cards">
              {POLICIES.map((policy) => (
                <label key={policy} className={cx('bt-choice-card', values.policy === policy && 'bt-choice-card--checked')}>
                  <input type="radio" name="policy" value={policy} checked={values.policy === policy} onChange={() => setField('policy', policy)} />
                  <span className="bt-choice-card__title">{POLICY_LABELS[policy]}</span>
                  <span className="bt-choice-card__description">{t(`routing.assignment.policies.${policy}`)}</span>
                </label>
              ))}
            </div>
          </fieldset>
          <div className="bt-form__row bt-form__row--pairs">
            <TextField
              label={t('routing.assignment.capacity')}
              inputMode="numeric"
              placeholder={t('profile.routing.noLimit')}
              value={values.defaultCapacity}
              onChange={(event) => setField('defaultCapacity', event.target.value)}
              error={errors.defaultCapacity ?? server.fields['defaultCapacity']}
              hint={t('routing.assignment.capacityHint')}
            />
            <div className="bt-field">
              <SelectField
                label={t('routing.assignment.offline')}
                value={values.offline}
                onChange={(offline) => setField('offline', offline)}
                options={[
                  { value: 'keep', label: t('routing.assignment.offlineKeep') },
                  { value: 'reassign', label: t('routing.assignment.offlineReassign') },
                ]}
                hint={values.offline === 'keep' ? t('routing.assignment.offlineKeepHint') : undefined}
              />
              {values.offline === 'reassign' ? (
                <span className="bt-input-with-unit">
                  <TextField
                    label={t('routing.assignment.offlineMinutes')}
                    hideLabel
                    inputMode="numeric"
                    value={values.offlineMinutes}
                    onChange={(event) => setField('offlineMinutes', event.target.value)}
                    error={errors.offlineMinutes ?? server.fields['reassignOfflineAfterSeconds']}
                  />
                  <span className="bt-muted">{t('routing.assignment.offlineMinutesUnit')}</span>
                </span>
              ) : null}
            </div>
          </div>
          <Checkbox
            label={t('routing.assignment.preferLanguage')}
            description={t('routing.assignment.preferLanguageHint')}
            checked={values.preferAgentLanguage}
            onChange={(event) => setField('preferAgentLanguage', event.target.checked)}
          />
          <Checkbox
            label={t('routing.assignment.assignOnReply')}
            description={t('routing.assignment.assignOnReplyHint')}
            checked={values.assignOnReply}
            onChange={(event) => setField('assignOnReply', event.target.checked)}
          />
        </div>
      </Panel>

      <Panel title={t('routing.agents.title')} description={t('routing.agents.description')}>
        {view.members.length === 0 ? (
          <p className="bt-muted">{t('routing.agents.none')}</p>
        ) : (
          <ul className="bt-routing-members" aria-label={t('routing.agents.list')}>
            {view.members.map((member) => {
              const languages = languagesOf.get(member.userId) ?? [];
              return (
                <li key={member.userId} className="bt-routing-members__row">
                  <span translate="no" className="bt-routing-members__name">{member.name}</span>
                  <span className="bt-routing-members__languages">
                    {languages.length > 0 ? languages.map((language) => LANGUAGE_LABELS[language]).join(', ') : <span className="bt-muted">{t('routing.agents.noLanguages')}</span>}
                  </span>
                  <TextField
                    label={t('routing.agents.capacityFor', { name: member.name })}
                    hideLabel
                    inputMode="numeric"
                    placeholder={defaultLabel}
                    className="bt-routing-members__capacity"
                    value={values.memberCapacities[member.userId] ?? ''}
                    onChange={(event) => {
                      setField('memberCapacities', { ...values.memberCapacities, [member.userId]: event.target.value });
                      form.clearError(`member:${member.userId}`);
                    }}
                    error={errors[`member:${member.userId}`]}
                  />
                </li>
              );
            })}
          </ul>
        )}
        {server.fields['members'] ? <p className="bt-field__error">{server.fields['members']}</p> : null}
      </Panel>

      <Panel title={t('routing.hours.title')} description={t('routing.hours.description')}>
        <div className="bt-form">
          <div className="bt-segmented" role="radiogroup" aria-label={t('routing.hours.openingHours')}>
            <label className={cx('bt-segmented__option', !values.hoursEnabled && 'bt-segmented__option--checked')}>
              <input type="radio" name="hours" checked={!values.hoursEnabled} onChange={() => setField('hoursEnabled', false)} />
              {t('routing.hours.alwaysOpen')}
            </label>
            <label className={cx('bt-segmented__option', values.hoursEnabled && 'bt-segmented__option--checked')}>
              <input type="radio" name="hours" checked={values.hoursEnabled} onChange={() => setField('hoursEnabled', true)} />
              {t('routing.hours.setHours')}
            </label>
          </div>
          {values.hoursEnabled ? (
            <>
              <div className="bt-narrow">
                <TimeZoneSelect value={values.timeZone} onChange={(zone) => setField('timeZone', zone)} error={errors.timeZone} />
              </div>
              <ScheduleEditor
                week={values.week}
                onChange={(week) => {
                  setField('week', week);
                  WEEKDAYS.forEach((day) => form.clearError(`day:${day}`));
                }}
                errors={dayErrors}
              />
              <HolidayList holidays={values.holidays} onChange={(holidays) => setField('holidays', holidays)} />
            </>
          ) : null}
          {server.fields['businessHours'] ? <Banner tone="danger">{server.fields['businessHours']}</Banner> : null}
          <TextAreaField
            label={t('routing.hours.outOfOffice')}
            rows={3}
            maxLength={OUT_OF_OFFICE_MAX_LENGTH}
            placeholder={t('routing.hours.outOfOfficePlaceholder')}
            value={values.outOfOfficeMessage}
            onChange={(event) => setField('outOfOfficeMessage', event.target.value)}
            error={errors.outOfOfficeMessage ?? server.fields['outOfOfficeMessage']}
            hint={values.hoursEnabled ? segmentHint(values.outOfOfficeMessage, t) : t('routing.hours.outOfOfficeNoHours')}
          />
        </div>
      </Panel>

      <Panel title={t('routing.sla.title')} description={t('routing.sla.description')}>
        <div className="bt-form">
          <div className="bt-form__row bt-form__row--pairs">
            <TextField
              label={t('routing.sla.first')}
              inputMode="numeric"
              placeholder={t('routing.sla.noTarget')}
              value={values.firstResponseMinutes}
              onChange={(event) => setField('firstResponseMinutes', event.target.value)}
              error={errors.firstResponseMinutes}
              hint={t('routing.sla.firstHint')}
            />
            <TextField
              label={t('routing.sla.next')}
              inputMode="numeric"
              placeholder={t('routing.sla.noTarget')}
              value={values.nextResponseMinutes}
              onChange={(event) => setField('nextResponseMinutes', event.target.value)}
              error={errors.nextResponseMinutes}
              hint={t('routing.sla.nextHint')}
            />
          </div>
          <Checkbox
            label={t('routing.sla.businessHoursOnly')}
            description={values.hoursEnabled ? t('routing.sla.businessHoursOnlyHint') : t('routing.sla.businessHoursOnlyNoHours')}
            checked={values.businessHoursOnly}
            onChange={(event) => setField('businessHoursOnly', event.target.checked)}
          />
          {server.fields['sla'] ? <p className="bt-field__error">{server.fields['sla']}</p> : null}
        </div>
      </Panel>

      <Panel title={t('routing.retention.title')} description={t('routing.retention.description')}>
        <div className="bt-form">
          <div className="bt-form__row bt-form__row--pairs">
            <TextField
              label={t('routing.retention.bodies')}
              inputMode="numeric"
              placeholder={t('routing.retention.forever')}
              value={values.messageBodiesDays}
              onChange={(event) => setField('messageBodiesDays', event.target.value)}
              error={errors.messageBodiesDays}
              hint={t('routing.retention.bodiesHint')}
              disabled={!isAdmin}
            />
            <TextField
              label={t('routing.retention.media')}
              inputMode="numeric"
              placeholder={t('routing.retention.forever')}
              value={values.mediaDays}
              onChange={(event) => setField('mediaDays', event.target.value)}
              error={errors.mediaDays}
              hint={t('routing.retention.mediaHint')}
              disabled={!isAdmin}
            />
          </div>
          {isAdmin ? null : <p className="bt-field__hint">{t('routing.retention.adminsOnly')}</p>}
          {server.fields['retention'] ? <p className="bt-field__error">{server.fields['retention']}</p> : null}
        </div>
      </Panel>

      <FormFooter error={server.form} dirty={dirty}>
        <Button
          disabled={!dirty || update.isPending}
          onClick={() => {
            form.setValues(routingFormFrom(view, browserZone()));
            update.reset();
          }}
        >
          {t('routing.discard')}
        </Button>
        <Button type="submit" variant="primary" pending={update.isPending} disabled={!dirty}>
          {t('routing.save')}
        </Button>
      </FormFooter>
    </form>
  );
}

/** Settings → Teams → a team → Routing, for admins and the team's supervisors. */
export function TeamRoutingPage() {
  const { t } = useTranslation('admin');
  const { teamId = '' } = useParams();
  const { data: teams } = useTeams();
  const routing = useTeamRouting(teamId);
  const name = teams?.find((team) => team.id === teamId)?.name;
  return (
    <>
      <nav className="bt-breadcrumb" aria-label={t('routing.breadcrumb')}>
        <Link to="/settings/teams">{t('teams.title')}</Link>
        <Icon name="chevron" size={12} />
        <span aria-current="page" translate={name ? 'no' : undefined}>
          {name ?? t('routing.team')}
        </span>
      </nav>
      <PageHeader title={name ? t('routing.title', { name }) : t('routing.titleUnnamed')} description={t('routing.description')} />
      <QueryState loadingLabel={t('routing.loading')} errorTitle={t('routing.loadFailed')} isPending={routing.isPending} error={routing.error} onRetry={() => void routing.refetch()}>
        {routing.data ? <RoutingForm view={routing.data} /> : null}
      </QueryState>
      {teamId ? <CsatSurveyPanel teamId={teamId} /> : null}
    </>
  );
}
