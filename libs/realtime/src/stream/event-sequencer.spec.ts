import type { DomainEvent } from '@backtalk/contracts';
import { EventSequencer } from './event-sequencer';

const event = (seq: number): DomainEvent => ({
  seq,
  type: 'conversation.updated',
  teamId: 't1',
  conversationId: 'c1',
  payload: { conversationId: 'c1', status: 'open', previousStatus: null, reason: 'test' } as DomainEvent['payload'],
  createdAt: new Date(0).toISOString(),
});
const seqs = (events: DomainEvent[]) => events.map((released) => released.seq);

describe('EventSequencer', () => {
  it('releases events that arrive in order at once', () => {
    const sequencer = new EventSequencer(10);

    expect(seqs(sequencer.offer([event(11), event(12)]))).toEqual([11, 12]);
    expect(sequencer.position).toBe(12);
    expect(sequencer.waiting).toBe(false);
  });

  it('holds a later event until the earlier one arrives, then releases both in order', () => {
    const sequencer = new EventSequencer(10);

    expect(seqs(sequencer.offer([event(12), event(13)]))).toEqual([]);
    expect(sequencer.waiting).toBe(true);
    expect(sequencer.highestHeld).toBe(13);
    expect(seqs(sequencer.offer([event(11)]))).toEqual([11, 12, 13]);
    expect(sequencer.waiting).toBe(false);
  });

  it('releases each event once, however many times it arrives', () => {
    const sequencer = new EventSequencer(0);

    const released = [...sequencer.offer([event(1), event(2)]), ...sequencer.offer([event(2), event(1), event(3)]), ...sequencer.offer([event(3)])];

    expect(seqs(released)).toEqual([1, 2, 3]);
  });

  it('ignores events at or below the position it started from', () => {
    expect(seqs(new EventSequencer(5).offer([event(4), event(5), event(6)]))).toEqual([6]);
  });

  it('skips the holes that settle declares permanent, in order, and keeps waiting for holes above them', () => {
    const sequencer = new EventSequencer(10);
    sequencer.offer([event(12), event(14), event(17)]);

    expect(seqs(sequencer.settle(14))).toEqual([12, 14]);
    expect(sequencer.position).toBe(14);
    expect(sequencer.waiting).toBe(true);
    expect(seqs(sequencer.offer([event(15), event(16)]))).toEqual([15, 16, 17]);
  });

  it('releases what follows a settled hole contiguously', () => {
    const sequencer = new EventSequencer(0);
    sequencer.offer([event(2), event(3)]);

    expect(seqs(sequencer.settle(1))).toEqual([2, 3]);
    expect(sequencer.position).toBe(3);
  });

  it('does nothing when asked to settle below its position', () => {
    const sequencer = new EventSequencer(0);
    sequencer.offer([event(1), event(2)]);

    expect(sequencer.settle(1)).toEqual([]);
    expect(sequencer.position).toBe(2);
  });
});
