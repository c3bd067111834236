import { replayVerdict } from './replay-verdict';

const limits = { maxEvents: 100, maxAgeMs: 24 * 3600 * 1000 };
const now = new Date('2025-01-02T12:00:00Z');

describe('replayVerdict', () => {
  it('replays a recent gap within the limit', () => {
    expect(replayVerdict({ events: 100, oldestAt: new Date('2025-01-02T11:00:00Z'), trimmed: false }, limits, now)).toBe('replay');
  });

  it('replays an empty gap', () => {
    expect(replayVerdict({ events: 0, oldestAt: null, trimmed: false }, limits, now)).toBe('replay');
  });

  it('asks for a resync when the gap holds more events than the limit', () => {
    expect(replayVerdict({ events: 101, oldestAt: new Date('2025-01-02T11:00:00Z'), trimmed: false }, limits, now)).toBe('too_many_events');
  });

  it('asks for a resync when the first missed event is older than the limit, whatever the count', () => {
    expect(replayVerdict({ events: 3, oldestAt: new Date('2025-01-01T11:59:59Z'), trimmed: false }, limits, now)).toBe('gap_too_old');
  });

  it('asks for a resync when retention deleted events the console missed, however few and recent the rest are', () => {
    expect(replayVerdict({ events: 2, oldestAt: new Date('2025-01-02T11:00:00Z'), trimmed: true }, limits, now)).toBe('gap_too_old');
  });
});
