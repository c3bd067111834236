import { MessageStatus } from '@backtalk/contracts';
import { canAdvance } from './message-status';

describe('canAdvance', () => {
  it('moves a message forward through queued, sending, sent and delivered', () => {
    expect(canAdvance(MessageStatus.Queued, MessageStatus.Sending)).toBe(true);
    expect(canAdvance(MessageStatus.Sending, MessageStatus.Sent)).toBe(true);
    expect(canAdvance(MessageStatus.Sent, MessageStatus.Delivered)).toBe(true);
  });

  it('lets a report skip steps it never saw', () => {
    expect(canAdvance(MessageStatus.Queued, MessageStatus.Delivered)).toBe(true);
    expect(canAdvance(MessageStatus.Sending, MessageStatus.Failed)).toBe(true);
  });

  it('never lets a late sent overwrite delivered', () => {
    expect(canAdvance(MessageStatus.Delivered, MessageStatus.Sent)).toBe(false);
  });

  it('keeps the first final state', () => {
    expect(canAdvance(MessageStatus.Undelivered, MessageStatus.Delivered)).toBe(false);
    expect(canAdvance(MessageStatus.Delivered, MessageStatus.Failed)).toBe(false);
  });

  it('ignores a repeated status', () => {
    expect(canAdvance(MessageStatus.Sent, MessageStatus.Sent)).toBe(false);
  });

  it('marks an interrupted send unknown, and never a queued or sent one', () => {
    expect(canAdvance(MessageStatus.Sending, MessageStatus.Unknown)).toBe(true);
    expect(canAdvance(MessageStatus.Queued, MessageStatus.Unknown)).toBe(false);
    expect(canAdvance(MessageStatus.Sent, MessageStatus.Unknown)).toBe(false);
  });

  it('resolves an unknown send when the provider reports on it', () => {
    expect(canAdvance(MessageStatus.Unknown, MessageStatus.Sent)).toBe(true);
    expect(canAdvance(MessageStatus.Unknown, MessageStatus.Delivered)).toBe(true);
  });

  it('never changes an inbound message', () => {
    expect(canAdvance(MessageStatus.Received, MessageStatus.Delivered)).toBe(false);
  });

  it('releases a scheduled message to the queue and lets it be cancelled until it goes to the provider', () => {
    expect(canAdvance(MessageStatus.Scheduled, MessageStatus.Queued)).toBe(true);
    expect(canAdvance(MessageStatus.Scheduled, MessageStatus.Cancelled)).toBe(true);
    expect(canAdvance(MessageStatus.Queued, MessageStatus.Cancelled)).toBe(true);
    expect(canAdvance(MessageStatus.Sending, MessageStatus.Cancelled)).toBe(false);
    expect(canAdvance(MessageStatus.Sent, MessageStatus.Cancelled)).toBe(false);
    expect(canAdvance(MessageStatus.Cancelled, MessageStatus.Queued)).toBe(false);
    expect(canAdvance(MessageStatus.Queued, MessageStatus.Scheduled)).toBe(false);
  });

  it('never changes a private note', () => {
    expect(canAdvance(MessageStatus.Note, MessageStatus.Queued)).toBe(false);
    expect(canAdvance(MessageStatus.Queued, MessageStatus.Note)).toBe(false);
  });
});
