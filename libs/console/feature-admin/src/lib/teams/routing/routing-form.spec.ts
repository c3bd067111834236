import { AssignmentPolicy, type TeamRoutingView } from '@backtalk/contracts';
import { routingFormFrom, toUpdateRoutingRequest, validateRoutingForm, type RoutingFormValues } from './routing-form';

function view(overrides: Partial<TeamRoutingView> = {}): TeamRoutingView {
  return {
    teamId: 'support',
    policy: AssignmentPolicy.Manual,
    defaultCapacity: null,
    reassignOfflineAfterSeconds: null,
    preferAgentLanguage: false,
    assignOnReply: true,
    businessHours: null,
    outOfOfficeMessage: '',
    sla: { firstResponseMinutes: null, nextResponseMinutes: null, businessHoursOnly: false },
    retention: { messageBodiesDays: null, mediaDays: null },
    members: [
      { userId: 'andriy', name: 'Andriy Agent', capacity: null },
      { userId: 'maria', name: 'Maria Agent', capacity: 2 },
    ],
    ...overrides,
  };
}

const edit = (original: TeamRoutingView, changes: Partial<RoutingFormValues>) => ({ ...routingFormFrom(original, 'Europe/Kyiv'), ...changes });

describe('the team routing form', () => {
  it('saves the reply-claims-the-conversation switch only when it changed', () => {
    const original = view();
    expect(toUpdateRoutingRequest(original, edit(original, { assignOnReply: false }))).toEqual({ assignOnReply: false });
    expect(toUpdateRoutingRequest(original, edit(original, { assignOnReply: true }))).toEqual({});
  });

  it('saves nothing when nothing changed, stored hours included', () => {
    const original = view({
      businessHours: { timeZone: 'Europe/Kyiv', weekly: { fri: [{ start: '09:00', end: '18:00' }], mon: [{ start: '09:00', end: '24:00' }] }, holidays: ['2025-12-25', '2025-01-01'] },
      reassignOfflineAfterSeconds: 600,
    });
    expect(toUpdateRoutingRequest(original, routingFormFrom(original, 'UTC'))).toEqual({});
  });

  it('sends a retention window only when it changed, empty meaning keep everything, and refuses days outside 1 to 3650', () => {
    const original = view({ retention: { messageBodiesDays: 365, mediaDays: null } });
    expect(toUpdateRoutingRequest(original, edit(original, { mediaDays: '30' }))).toEqual({ retention: { mediaDays: 30 } });
    expect(toUpdateRoutingRequest(original, edit(original, { messageBodiesDays: '' }))).toEqual({ retention: { messageBodiesDays: null } });
    expect(toUpdateRoutingRequest(original, edit(original, {}))).toEqual({});
    const errors = validateRoutingForm(edit(original, { messageBodiesDays: '0', mediaDays: '3651' }));
    expect(Object.keys(errors).sort()).toEqual(['mediaDays', 'messageBodiesDays']);
    expect(validateRoutingForm(edit(original, { messageBodiesDays: '3650', mediaDays: '1' }))).toEqual({});
  });

  it('sends only the settings that changed', () => {
    const original = view();
    expect(toUpdateRoutingRequest(original, edit(original, { policy: AssignmentPolicy.RoundRobin, defaultCapacity: '3' }))).toEqual({
      policy: AssignmentPolicy.RoundRobin,
      defaultCapacity: 3,
    });
  });

  it('reads empty numbers as "no limit", "no target" or "the team default"', () => {
    const original = view({ defaultCapacity: 5, sla: { firstResponseMinutes: 15, nextResponseMinutes: 60, businessHoursOnly: true } });
    const values = edit(original, { defaultCapacity: '', firstResponseMinutes: ' ', memberCapacities: { andriy: '', maria: '' } });
    expect(toUpdateRoutingRequest(original, values)).toEqual({
      defaultCapacity: null,
      sla: { firstResponseMinutes: null },
      members: [{ userId: 'maria', capacity: null }],
    });
  });

  it('turns the offline choice into seconds, or null to keep conversations with their agent', () => {
    const original = view();
    expect(toUpdateRoutingRequest(original, edit(original, { offline: 'reassign', offlineMinutes: '5' }))).toEqual({ reassignOfflineAfterSeconds: 300 });
    const reassigning = view({ reassignOfflineAfterSeconds: 300 });
    expect(toUpdateRoutingRequest(reassigning, edit(reassigning, { offline: 'keep' }))).toEqual({ reassignOfflineAfterSeconds: null });
  });

  it('sends opening hours in the API’s form when hours are set, and null for always open', () => {
    const original = view();
    const request = toUpdateRoutingRequest(original, edit(original, { hoursEnabled: true, timeZone: 'Europe/Kyiv', holidays: ['2025-12-25', '2025-01-01', '2025-12-25'] }));
    expect(request.businessHours).toEqual({
      timeZone: 'Europe/Kyiv',
      weekly: expect.objectContaining({ mon: [{ start: '09:00', end: '18:00' }] }),
      holidays: ['2025-01-01', '2025-12-25'],
    });
    const open = view({ businessHours: { timeZone: 'UTC', weekly: { mon: [{ start: '09:00', end: '17:00' }] }, holidays: [] } });
    expect(toUpdateRoutingRequest(open, edit(open, { hoursEnabled: false }))).toEqual({ businessHours: null });
  });
});

describe('validateRoutingForm', () => {
  const valid = routingFormFrom(view(), 'Europe/Kyiv');

  it('accepts the settings of a new team', () => {
    expect(validateRoutingForm(valid)).toEqual({});
  });

  it('asks for whole numbers in range for capacities and targets', () => {
    const errors = validateRoutingForm({ ...valid, defaultCapacity: '2.5', firstResponseMinutes: '0', memberCapacities: { andriy: '-1', maria: '' } });
    expect(Object.keys(errors).sort()).toEqual(['defaultCapacity', 'firstResponseMinutes', 'member:andriy']);
  });

  it('needs the minutes to wait before reassigning, zero included', () => {
    expect(validateRoutingForm({ ...valid, offline: 'reassign', offlineMinutes: '' }).offlineMinutes).toBeDefined();
    expect(validateRoutingForm({ ...valid, offline: 'reassign', offlineMinutes: '0' }).offlineMinutes).toBeUndefined();
    expect(validateRoutingForm({ ...valid, offline: 'keep', offlineMinutes: '' }).offlineMinutes).toBeUndefined();
  });

  it('checks each open day’s hours and wants at least one open day', () => {
    const week = { ...valid.week, tue: { open: true, intervals: [{ start: '18:00', end: '09:00' }] } };
    expect(validateRoutingForm({ ...valid, hoursEnabled: true, week })['day:tue']).toBe('18:00–09:00 ends before it starts.');
    const closed = Object.fromEntries(Object.entries(valid.week).map(([day, hours]) => [day, { ...hours, open: false }])) as RoutingFormValues['week'];
    expect(validateRoutingForm({ ...valid, hoursEnabled: true, week: closed })['day:mon']).toMatch(/at least one day/);
  });

  it('ignores the hours while the team is always open', () => {
    const week = { ...valid.week, tue: { open: true, intervals: [{ start: '18:00', end: '09:00' }] } };
    expect(validateRoutingForm({ ...valid, hoursEnabled: false, week })).toEqual({});
  });
});
