import { ConversationStatus, type SlaTargets } from '@backtalk/contracts';
import { FALLBACK_WARNING_MS, slaDisplay, warningWindowMs } from './sla-display';

const NOW = Date.parse('2025-01-01T10:00:00.000Z');
const inMinutes = (minutes: number) => new Date(NOW + minutes * 60_000).toISOString();
const targets: SlaTargets = { firstResponseMinutes: 60, nextResponseMinutes: 20, businessHoursOnly: false };
const open = (slaDueAt: string | null, slaKind: 'first_response' | 'next_response' | null = 'first_response') => ({
  slaDueAt,
  slaKind,
  status: ConversationStatus.Open,
});

describe('slaDisplay', () => {
  it('shows nothing when no SLA runs', () => {
    expect(slaDisplay(open(null, null), NOW, targets)).toBeNull();
  });

  it('shows nothing once the conversation is no longer open, whatever due time it still carries', () => {
    expect(slaDisplay({ ...open(inMinutes(5)), status: ConversationStatus.Resolved }, NOW, targets)).toBeNull();
    expect(slaDisplay({ ...open(inMinutes(5)), status: ConversationStatus.Snoozed }, NOW, targets)).toBeNull();
  });

  it('counts down a first reply calmly while more than a quarter of the target is left', () => {
    expect(slaDisplay(open(inMinutes(40)), NOW, targets)).toMatchObject({ tone: 'ok', label: 'First reply due in 40m', short: '40m left' });
  });

  it('turns amber once less than a quarter of the target is left', () => {
    expect(slaDisplay(open(inMinutes(16)), NOW, targets)?.tone).toBe('ok');
    expect(slaDisplay(open(inMinutes(14)), NOW, targets)?.tone).toBe('warning');
  });

  it('measures a next reply against its own, shorter target', () => {
    expect(slaDisplay(open(inMinutes(6), 'next_response'), NOW, targets)).toMatchObject({ tone: 'ok', label: 'Reply due in 6m' });
    expect(slaDisplay(open(inMinutes(4), 'next_response'), NOW, targets)?.tone).toBe('warning');
  });

  it('warns in the last 15 minutes when the team’s target is not known', () => {
    expect(slaDisplay(open(inMinutes(16)), NOW)?.tone).toBe('ok');
    expect(slaDisplay(open(inMinutes(14)), NOW)?.tone).toBe('warning');
  });

  it('says less than a minute rather than counting seconds the list does not refresh for', () => {
    expect(slaDisplay(open(new Date(NOW + 20_000).toISOString()), NOW, targets)?.label).toBe('First reply due in <1m');
  });

  it('turns red and counts how long ago the SLA was breached', () => {
    expect(slaDisplay(open(inMinutes(-5)), NOW, targets)).toMatchObject({ tone: 'breached', label: 'SLA breached 5m ago', short: 'Overdue 5m' });
    expect(slaDisplay(open(inMinutes(-125)), NOW, targets)?.label).toBe('SLA breached 2h 5m ago');
    expect(slaDisplay(open(new Date(NOW).toISOString()), NOW, targets)?.label).toBe('SLA breached just now');
  });
});

describe('warningWindowMs', () => {
  it('is a quarter of the target of the running kind', () => {
    expect(warningWindowMs('first_response', targets)).toBe(15 * 60_000);
    expect(warningWindowMs('next_response', targets)).toBe(5 * 60_000);
  });

  it('falls back when the team sets no target of that kind', () => {
    expect(warningWindowMs('next_response', { ...targets, nextResponseMinutes: null })).toBe(FALLBACK_WARNING_MS);
  });
});
