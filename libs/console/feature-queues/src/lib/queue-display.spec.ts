import { formatTime } from '@backtalk/console/ui';
import { setConsoleLanguage } from '@backtalk/console/i18n';
import '../i18n';
import { availabilitySummary, formatWait, loadState, openingState, sortAgents } from './queue-display';

describe('formatWait', () => {
  it('counts seconds under a minute', () => {
    expect(formatWait(42_500)).toBe('42s');
  });

  it('keeps the seconds ticking, zero-padded, under an hour', () => {
    expect(formatWait(4 * 60_000 + 5_000)).toBe('4m 05s');
  });

  it('drops the seconds once the wait is counted in hours', () => {
    expect(formatWait(2 * 3_600_000 + 5 * 60_000 + 9_000)).toBe('2h 5m');
  });

  it('never shows a negative wait when the clocks disagree a little', () => {
    expect(formatWait(-1_500)).toBe('0s');
  });
});

describe('openingState', () => {
  const now = new Date(2025, 2, 12, 10, 0).getTime();

  it('says a team without business hours is always open', () => {
    expect(openingState({ open: true, nextChange: null }, now)).toEqual({ open: true, label: 'Open', detail: 'Always open' });
  });

  it('says when an open team closes and when a closed one opens', () => {
    const evening = new Date(2025, 2, 12, 18, 0).toISOString();
    expect(openingState({ open: true, nextChange: evening }, now).detail).toBe(`closes ${formatTime(evening)}`);
    expect(openingState({ open: false, nextChange: new Date(2025, 2, 13, 9, 0).toISOString() }, now).detail).toMatch(/^opens tomorrow /);
  });
});

describe('loadState', () => {
  it('measures load against capacity', () => {
    expect(loadState(0, 3)).toEqual({ ratio: 0, tone: 'free', text: '0 / 3' });
    expect(loadState(2, 3)).toMatchObject({ tone: 'busy', text: '2 / 3' });
    expect(loadState(3, 3)).toMatchObject({ ratio: 1, tone: 'full' });
  });

  it('caps the bar when an agent holds more than a lowered capacity', () => {
    expect(loadState(5, 3)).toMatchObject({ ratio: 1, tone: 'full', text: '5 / 3' });
  });

  it('draws no bar without a limit, and treats a capacity of zero as full', () => {
    expect(loadState(2, null)).toEqual({ ratio: null, tone: 'busy', text: '2 open' });
    expect(loadState(0, 0)).toMatchObject({ ratio: 1, tone: 'full' });
  });
});

describe('sortAgents', () => {
  it('lists online agents first, then away, then offline, each by name', () => {
    const agents = [
      { name: 'Zoe', status: 'offline' as const },
      { name: 'Maria', status: 'away' as const },
      { name: 'Olena', status: 'online' as const },
      { name: 'Andriy', status: 'online' as const },
    ];
    expect(sortAgents(agents).map((agent) => agent.name)).toEqual(['Andriy', 'Olena', 'Maria', 'Zoe']);
  });
});

describe('availabilitySummary', () => {
  it('counts the agents who can get new conversations', () => {
    expect(availabilitySummary([{ status: 'online' }, { status: 'away' }, { status: 'offline' }])).toBe('1 of 3 online');
    expect(availabilitySummary([])).toBe('No agents');
  });
});

describe('queue figures in Ukrainian', () => {
  beforeEach(() => setConsoleLanguage('uk'));
  afterEach(() => setConsoleLanguage('en'));

  it('writes waits, load and availability the Ukrainian way', () => {
    expect(formatWait(4 * 60_000 + 5_000)).toBe('4 хв 05 с');
    expect(loadState(2, null).text).toBe('відкритих: 2');
    expect(availabilitySummary([{ status: 'online' }, { status: 'away' }])).toBe('1 з 2 на зв’язку');
    expect(openingState({ open: false, nextChange: null }, Date.now())).toMatchObject({ label: 'Зачинено', detail: 'Години роботи не задано' });
  });
});
