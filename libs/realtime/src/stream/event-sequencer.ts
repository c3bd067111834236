import type { DomainEvent } from '@backtalk/contracts';

/**
 * Turns events that arrive in any order, possibly twice (from this process, from Redis, from the log), into one stream
 * in `seq` order with nothing skipped. Sequence numbers are drawn when a transaction inserts its events but become
 * visible when it commits, so 105 can arrive before 104: 105 waits until 104 arrives, or until `settle` says 104
 * will never exist (its transaction rolled back).
 */
export class EventSequencer {
  private readonly pending = new Map<number, DomainEvent>();

  constructor(private watermark: number) {}

  /** Every event up to here has been released or is known never to exist. */
  get position(): number {
    return this.watermark;
  }

  /** True while a later event waits for an earlier one. */
  get waiting(): boolean {
    return this.pending.size > 0;
  }

  /** The highest seq held back, or the position when none is. */
  get highestHeld(): number {
    let highest = this.watermark;
    for (const seq of this.pending.keys()) if (seq > highest) highest = seq;
    return highest;
  }

  /** Takes events in; returns the ones that can go out now, in order. */
  offer(events: Iterable<DomainEvent>): DomainEvent[] {
    for (const event of events) {
      if (event.seq > this.watermark && !this.pending.has(event.seq)) this.pending.set(event.seq, event);
    }
    return this.drain();
  }

  /** Declares that every seq up to `through` that has not arrived never will; releases what that unblocks. */
  settle(through: number): DomainEvent[] {
    if (through <= this.watermark) return [];
    const released = [...this.pending.keys()]
      .filter((seq) => seq <= through)
      .sort((a, b) => a - b)
      .map((seq) => {
        const event = this.pending.get(seq)!;
        this.pending.delete(seq);
        return event;
      });
    this.watermark = through;
    return [...released, ...this.drain()];
  }

  private drain(): DomainEvent[] {
    const released: DomainEvent[] = [];
    for (let next = this.pending.get(this.watermark + 1); next; next = this.pending.get(this.watermark + 1)) {
      this.pending.delete(next.seq);
      this.watermark = next.seq;
      released.push(next);
    }
    return released;
  }
}
