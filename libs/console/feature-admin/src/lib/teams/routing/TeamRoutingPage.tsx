import { AssignmentPolicy, WEEKDAYS, type TeamRoutingView, type Weekday } from '@backtalk/contracts';
import { toFormErrors, useQueues, useTeamRouting, useTeams, useToastActions, useUpdateTeamRouting } from '@backtalk/console/data-access';
import { Banner, Button, Checkbox, cx, FieldShell, Icon, LANGUAGE_LABELS, PageHeader, Panel, POLICY_LABELS, SelectField, TextAreaField, TextField } from '@backtalk/console/ui';
import { analyseSms } from '@backtalk/sms';
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

const POLICIES: ReadonlyArray<{ value: AssignmentPolicy; description: string }> = [
  { value: AssignmentPolicy.Manual, description: 'Conversations wait in the queue until an agent takes the next one.' },
  { value: AssignmentPolicy.RoundRobin, description: 'Each new conversation goes to the next online agent with room, in turn.' },
  { value: AssignmentPolicy.LeastLoaded, description: 'Each new conversation goes to the online agent with the fewest open ones.' },
];

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

function supportedZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
}

function TimeZoneSelect({ value, onChange, error }: { value: string; onChange: (zone: string) => void; error?: string }) {
  const options = useMemo(() => timeZoneOptions(value, browserZone(), supportedZones()), [value]);
  const now = useMemo(() => new Date(), []);
  return (
    <FieldShell label="Time zone" error={error} hint="The hours below are in this zone, whatever zone each agent is in.">
      {(control) => (
        <select className="bt-input bt-select" value={value} onChange={(event) => onChange(event.target.value)} {...control}>
          <optgroup label="Common">
            {options.common.map((zone) => (
              <option key={zone} value={zone}>
                {zoneLabel(zone, now)}
              </option>
            ))}
          </optgroup>
          {options.others.length > 0 ? (
            <optgroup label="All time zones">
              {options.others.map((zone) => (
                <option key={zone} value={zone}>
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
function segmentHint(text: string): string {
  if (!text.trim()) return 'Empty: customers get no automatic reply outside business hours.';
  const analysis = analyseSms(text);
  return `${analysis.encoding === 'UCS-2' ? 'Unicode' : 'GSM-7'} · ${analysis.segments} ${analysis.segments === 1 ? 'segment' : 'segments'} · sent at most once per closed period to each conversation`;
}

function RoutingForm({ view }: { view: TeamRoutingView }) {
  const form = useFormState<RoutingFormValues, RoutingFormField>(() => routingFormFrom(view, browserZone()));
  const update = useUpdateTeamRouting();
  const { toastShown } = useToastActions();
  const { data: queues } = useQueues();
  const languagesOf = useMemo(() => new Map((queues ?? []).flatMap((queue) => queue.agents).map((agent) => [agent.userId, agent.languages])), [queues]);
  const server = toFormErrors(update.error, ROUTING_SERVER_FIELDS);
  const { values, errors, setField } = form;
  const changes = toUpdateRoutingRequest(view, values);
  const dirty = Object.keys(changes).length > 0;
  const defaultLabel = values.defaultCapacity.trim() ? `Team default (${values.defaultCapacity.trim()})` : 'Team default (no limit)';
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
            toastShown('success', 'Routing settings saved.');
          },
        },
      );
    });
  };

  return (
    <form className="bt-routing-form" onSubmit={submit} noValidate aria-label="Routing settings">
      <Panel title="Assignment" description="How new conversations reach the agents of this team.">
        <div className="bt-form">
          <fieldset className="bt-field">
            <legend className="bt-field__label">Assignment policy</legend>
            <div className="bt-choice-cards">
              {POLICIES.map((policy) => (
                <label key={policy.value} className={cx('bt-choice-card', values.policy === policy.value && 'bt-choice-card--checked')}>
                  <input type="radio" name="policy" value={policy.value} checked={values.policy === policy.value} onChange={() => setField('policy', policy.value)} />
                  <span className="bt-choice-card__title">{POLICY_LABELS[policy.value]}</span>
                  <span className="bt-choice-card__description">{policy.description}</span>
                </label>
              ))}
            </div>
          </fieldset>
          <div className="bt-form__row bt-form__row--pairs">
            <TextField
              label="Capacity per agent"
              inputMode="numeric"
              placeholder="No limit"
              value={values.defaultCapacity}
              onChange={(event) => setField('defaultCapacity', event.target.value)}
              error={errors.defaultCapacity ?? server.fields['defaultCapacity']}
              hint="Open conversations an agent may hold in this team. Empty: no limit."
            />
            <div className="bt-field">
              <SelectField
                label="When an agent goes offline"
                value={values.offline}
                onChange={(offline) => setField('offline', offline)}
                options={[
                  { value: 'keep', label: 'Keep their conversations' },
                  { value: 'reassign', label: 'Return them to the queue after…' },
                ]}
                hint={values.offline === 'keep' ? 'They find them waiting when they come back.' : undefined}
              />
              {values.offline === 'reassign' ? (
                <span className="bt-input-with-unit">
                  <TextField
                    label="Minutes offline before returning them"
                    hideLabel
                    inputMode="numeric"
                    value={values.offlineMinutes}
                    onChange={(event) => setField('offlineMinutes', event.target.value)}
                    error={errors.offlineMinutes ?? server.fields['reassignOfflineAfterSeconds']}
                  />
                  <span className="bt-muted">minutes offline</span>
                </span>
              ) : null}
            </div>
          </div>
          <Checkbox
            label="Prefer agents who speak the customer's language"
            description="English, Ukrainian and Russian are recognised in customers' messages and matched to the languages agents set in their profile."
            checked={values.preferAgentLanguage}
            onChange={(event) => setField('preferAgentLanguage', event.target.checked)}
          />
          <Checkbox
            label="A reply assigns the conversation to the agent who sent it"
            description="An unassigned conversation becomes the replying agent's at once, whatever their capacity, so a colleague does not answer the same customer again."
            checked={values.assignOnReply}
            onChange={(event) => setField('assignOnReply', event.target.checked)}
          />
        </div>
      </Panel>

      <Panel title="Agents" description="A different capacity for some agents, e.g. someone who is training; it counts only this team's conversations. Empty: the team default.">
        {view.members.length === 0 ? (
          <p className="bt-muted">This team has no members yet.</p>
        ) : (
          <ul className="bt-routing-members" aria-label="Agents of the team">
            {view.members.map((member) => {
              const languages = languagesOf.get(member.userId) ?? [];
              return (
                <li key={member.userId} className="bt-routing-members__row">
                  <span className="bt-routing-members__name">{member.name}</span>
                  <span className="bt-routing-members__languages">
                    {languages.length > 0 ? languages.map((language) => LANGUAGE_LABELS[language]).join(', ') : <span className="bt-muted">No languages set</span>}
                  </span>
                  <TextField
                    label={`Capacity for ${member.name}`}
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

      <Panel title="Business hours" description="When the team answers. Outside these hours customers can get an automatic reply, and SLAs can pause.">
        <div className="bt-form">
          <div className="bt-segmented" role="radiogroup" aria-label="Opening hours">
            <label className={cx('bt-segmented__option', !values.hoursEnabled && 'bt-segmented__option--checked')}>
              <input type="radio" name="hours" checked={!values.hoursEnabled} onChange={() => setField('hoursEnabled', false)} />
              Always open
            </label>
            <label className={cx('bt-segmented__option', values.hoursEnabled && 'bt-segmented__option--checked')}>
              <input type="radio" name="hours" checked={values.hoursEnabled} onChange={() => setField('hoursEnabled', true)} />
              Set opening hours
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
            label="Out-of-office reply"
            rows={3}
            maxLength={OUT_OF_OFFICE_MAX_LENGTH}
            placeholder="Thanks for your message! We're closed now and will reply from 9:00 on the next working day."
            value={values.outOfOfficeMessage}
            onChange={(event) => setField('outOfOfficeMessage', event.target.value)}
            error={errors.outOfOfficeMessage ?? server.fields['outOfOfficeMessage']}
            hint={values.hoursEnabled ? segmentHint(values.outOfOfficeMessage) : 'Sent only when opening hours are set; never to customers who opted out.'}
          />
        </div>
      </Panel>

      <Panel title="Response targets (SLA)" description="How soon customers should get an answer. Timers show in the inbox and turn amber when a quarter of the time is left.">
        <div className="bt-form">
          <div className="bt-form__row bt-form__row--pairs">
            <TextField
              label="First reply within (minutes)"
              inputMode="numeric"
              placeholder="No target"
              value={values.firstResponseMinutes}
              onChange={(event) => setField('firstResponseMinutes', event.target.value)}
              error={errors.firstResponseMinutes}
              hint="From the customer's first message."
            />
            <TextField
              label="Next replies within (minutes)"
              inputMode="numeric"
              placeholder="No target"
              value={values.nextResponseMinutes}
              onChange={(event) => setField('nextResponseMinutes', event.target.value)}
              error={errors.nextResponseMinutes}
              hint="From each later message that waits for an answer."
            />
          </div>
          <Checkbox
            label="Count business hours only"
            description={values.hoursEnabled ? 'Time outside opening hours and on holidays does not count.' : 'Takes effect once opening hours are set.'}
            checked={values.businessHoursOnly}
            onChange={(event) => setField('businessHoursOnly', event.target.checked)}
          />
          {server.fields['sla'] ? <p className="bt-field__error">{server.fields['sla']}</p> : null}
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
          Discard
        </Button>
        <Button type="submit" variant="primary" pending={update.isPending} disabled={!dirty}>
          Save changes
        </Button>
      </FormFooter>
    </form>
  );
}

/** Settings → Teams → a team → Routing, for admins and the team's supervisors. */
export function TeamRoutingPage() {
  const { teamId = '' } = useParams();
  const { data: teams } = useTeams();
  const routing = useTeamRouting(teamId);
  const name = teams?.find((team) => team.id === teamId)?.name;
  return (
    <>
      <nav className="bt-breadcrumb" aria-label="Breadcrumb">
        <Link to="/settings/teams">Teams</Link>
        <Icon name="chevron" size={12} />
        <span aria-current="page">{name ?? 'Team'}</span>
      </nav>
      <PageHeader title={`${name ?? 'Team'} routing`} description="Who gets new conversations, when the team is open, and how fast it should answer." />
      <QueryState what="routing settings" isPending={routing.isPending} error={routing.error} onRetry={() => void routing.refetch()}>
        {routing.data ? <RoutingForm view={routing.data} /> : null}
      </QueryState>
      {teamId ? <CsatSurveyPanel teamId={teamId} /> : null}
    </>
  );
}
