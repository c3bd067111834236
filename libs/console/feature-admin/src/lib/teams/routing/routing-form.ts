import { WEEKDAYS, type AssignmentPolicy, type BusinessHours, type TeamRoutingView, type UpdateTeamRoutingRequest, type Weekday } from '@backtalk/contracts';
import { translateAdmin as t } from '../../../i18n';
import { optionalWholeNumber } from '../../numbers';
import { defaultWeek, scheduleFromWeek, validateDay, weekFromSchedule, type WeekHours } from './schedule';

/** The routing settings as the form edits them: numbers as typed, empty meaning "none". */
export interface RoutingFormValues {
  policy: AssignmentPolicy;
  /** Empty: no limit. */
  defaultCapacity: string;
  offline: 'keep' | 'reassign';
  offlineMinutes: string;
  preferAgentLanguage: boolean;
  assignOnReply: boolean;
  /** False: always open. */
  hoursEnabled: boolean;
  timeZone: string;
  week: WeekHours;
  holidays: string[];
  outOfOfficeMessage: string;
  /** Empty: no target. */
  firstResponseMinutes: string;
  nextResponseMinutes: string;
  businessHoursOnly: boolean;
  /** Days message texts and media links are kept; empty: for good. */
  messageBodiesDays: string;
  mediaDays: string;
  /** By user id; empty: the team's default. */
  memberCapacities: Record<string, string>;
}

export type RoutingFormField =
  | 'defaultCapacity'
  | 'offlineMinutes'
  | 'timeZone'
  | 'holidays'
  | 'outOfOfficeMessage'
  | 'firstResponseMinutes'
  | 'nextResponseMinutes'
  | 'messageBodiesDays'
  | 'mediaDays'
  | `day:${Weekday}`
  | `member:${string}`;
export type RoutingFormErrors = Partial<Record<RoutingFormField, string>>;

/** The fields the API names in its validation errors, for showing them where they belong. */
export const ROUTING_SERVER_FIELDS = ['defaultCapacity', 'reassignOfflineAfterSeconds', 'businessHours', 'outOfOfficeMessage', 'sla', 'retention', 'members'] as const;

export const MAX_CAPACITY = 1000;
export const MAX_OFFLINE_MINUTES = 7 * 24 * 60;
export const MAX_SLA_MINUTES = 30 * 24 * 60;
export const OUT_OF_OFFICE_MAX_LENGTH = 1600;
export const MAX_RETENTION_DAYS = 3650;
const DEFAULT_OFFLINE_MINUTES = 10;

const text = (value: number | null) => (value === null ? '' : String(value));

export function routingFormFrom(view: TeamRoutingView, browserZone: string): RoutingFormValues {
  const hours = view.businessHours;
  return {
    policy: view.policy,
    defaultCapacity: text(view.defaultCapacity),
    offline: view.reassignOfflineAfterSeconds === null ? 'keep' : 'reassign',
    offlineMinutes: view.reassignOfflineAfterSeconds === null ? String(DEFAULT_OFFLINE_MINUTES) : String(Math.round(view.reassignOfflineAfterSeconds / 60)),
    preferAgentLanguage: view.preferAgentLanguage,
    assignOnReply: view.assignOnReply,
    hoursEnabled: hours !== null,
    timeZone: hours?.timeZone ?? browserZone,
    week: hours ? weekFromSchedule(hours.weekly) : defaultWeek(),
    holidays: [...(hours?.holidays ?? [])].sort(),
    outOfOfficeMessage: view.outOfOfficeMessage,
    firstResponseMinutes: text(view.sla.firstResponseMinutes),
    nextResponseMinutes: text(view.sla.nextResponseMinutes),
    businessHoursOnly: view.sla.businessHoursOnly,
    messageBodiesDays: text(view.retention?.messageBodiesDays ?? null),
    mediaDays: text(view.retention?.mediaDays ?? null),
    memberCapacities: Object.fromEntries(view.members.map((member) => [member.userId, text(member.capacity)])),
  };
}

export function validateRoutingForm(values: RoutingFormValues): RoutingFormErrors {
  const errors: RoutingFormErrors = {};
  if (optionalWholeNumber(values.defaultCapacity, 0, MAX_CAPACITY) === undefined) errors.defaultCapacity = t('profile.routing.capacityInvalid', { max: MAX_CAPACITY });
  for (const [userId, capacity] of Object.entries(values.memberCapacities)) {
    if (optionalWholeNumber(capacity, 0, MAX_CAPACITY) === undefined) errors[`member:${userId}`] = t('routing.problems.memberCapacity', { max: MAX_CAPACITY });
  }
  const offlineMinutes = optionalWholeNumber(values.offlineMinutes, 0, MAX_OFFLINE_MINUTES);
  if (values.offline === 'reassign' && (offlineMinutes === null || offlineMinutes === undefined)) {
    errors.offlineMinutes = t('routing.problems.offlineMinutes', { max: MAX_OFFLINE_MINUTES });
  }
  for (const field of ['firstResponseMinutes', 'nextResponseMinutes'] as const) {
    if (optionalWholeNumber(values[field], 1, MAX_SLA_MINUTES) === undefined) errors[field] = t('routing.problems.slaMinutes', { max: MAX_SLA_MINUTES });
  }
  for (const field of ['messageBodiesDays', 'mediaDays'] as const) {
    if (optionalWholeNumber(values[field], 1, MAX_RETENTION_DAYS) === undefined) errors[field] = t('routing.problems.retentionDays', { max: MAX_RETENTION_DAYS });
  }
  if (values.outOfOfficeMessage.length > OUT_OF_OFFICE_MAX_LENGTH) errors.outOfOfficeMessage = t('routing.problems.outOfOfficeTooLong', { max: OUT_OF_OFFICE_MAX_LENGTH });
  if (values.hoursEnabled) {
    if (!values.timeZone) errors.timeZone = t('routing.problems.timeZone');
    for (const day of WEEKDAYS) {
      const problem = validateDay(values.week[day]);
      if (problem) errors[`day:${day}`] = problem;
    }
    if (WEEKDAYS.every((day) => !values.week[day].open)) errors['day:mon'] = t('routing.problems.noOpenDay');
  }
  return errors;
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The stored hours in the form's own order, so a different key order alone does not count as a change. */
function canonicalHours(hours: BusinessHours | null): BusinessHours | null {
  return hours && { timeZone: hours.timeZone, weekly: scheduleFromWeek(weekFromSchedule(hours.weekly)), holidays: [...new Set(hours.holidays)].sort() };
}

/** Only what changed, so saving cannot undo a colleague's change to another setting. Call after validation passes. */
export function toUpdateRoutingRequest(original: TeamRoutingView, values: RoutingFormValues): UpdateTeamRoutingRequest {
  const changes: UpdateTeamRoutingRequest = {};
  if (values.policy !== original.policy) changes.policy = values.policy;

  const defaultCapacity = optionalWholeNumber(values.defaultCapacity, 0, MAX_CAPACITY) ?? null;
  if (defaultCapacity !== original.defaultCapacity) changes.defaultCapacity = defaultCapacity;

  const reassign = values.offline === 'keep' ? null : (optionalWholeNumber(values.offlineMinutes, 0, MAX_OFFLINE_MINUTES) ?? 0) * 60;
  if (reassign !== original.reassignOfflineAfterSeconds) changes.reassignOfflineAfterSeconds = reassign;

  if (values.preferAgentLanguage !== original.preferAgentLanguage) changes.preferAgentLanguage = values.preferAgentLanguage;
  if (values.assignOnReply !== original.assignOnReply) changes.assignOnReply = values.assignOnReply;

  const businessHours = values.hoursEnabled ? { timeZone: values.timeZone, weekly: scheduleFromWeek(values.week), holidays: [...new Set(values.holidays)].sort() } : null;
  if (!sameJson(businessHours, canonicalHours(original.businessHours))) changes.businessHours = businessHours;

  if (values.outOfOfficeMessage !== original.outOfOfficeMessage) changes.outOfOfficeMessage = values.outOfOfficeMessage;

  const sla = {
    firstResponseMinutes: optionalWholeNumber(values.firstResponseMinutes, 1, MAX_SLA_MINUTES) ?? null,
    nextResponseMinutes: optionalWholeNumber(values.nextResponseMinutes, 1, MAX_SLA_MINUTES) ?? null,
    businessHoursOnly: values.businessHoursOnly,
  };
  const slaChanges = Object.fromEntries(Object.entries(sla).filter(([key, value]) => original.sla[key as keyof typeof sla] !== value));
  if (Object.keys(slaChanges).length > 0) changes.sla = slaChanges;

  const retention = {
    messageBodiesDays: optionalWholeNumber(values.messageBodiesDays, 1, MAX_RETENTION_DAYS) ?? null,
    mediaDays: optionalWholeNumber(values.mediaDays, 1, MAX_RETENTION_DAYS) ?? null,
  };
  const retentionChanges = Object.fromEntries(Object.entries(retention).filter(([key, value]) => (original.retention?.[key as keyof typeof retention] ?? null) !== value));
  if (Object.keys(retentionChanges).length > 0) changes.retention = retentionChanges;

  const members = original.members
    .map((member) => ({ userId: member.userId, capacity: optionalWholeNumber(values.memberCapacities[member.userId] ?? '', 0, MAX_CAPACITY) ?? null }))
    .filter((member, index) => member.capacity !== original.members[index].capacity);
  if (members.length > 0) changes.members = members;

  return changes;
}
