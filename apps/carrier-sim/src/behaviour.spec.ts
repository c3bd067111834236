import { BehaviourBook, DEFAULT_BEHAVIOUR, drawSendFailure, effectiveBehaviour, parseBehaviourUpdate } from './behaviour';
import { seededRandom } from './random';
import { InvalidInput } from './validation';

function problemsOf(body: unknown): string[] {
  try {
    parseBehaviourUpdate(body);
  } catch (error) {
    if (error instanceof InvalidInput) return error.problems;
    throw error;
  }
  return [];
}

describe('behaviour', () => {
  describe('parseBehaviourUpdate', () => {
    it('reads every setting, scope and seed', () => {
      expect(
        parseBehaviourUpdate({
          number: 'Support',
          outcome: 'failed',
          errorCode: 30003,
          latencyMs: 2000,
          duplicates: true,
          outOfOrder: false,
          serverErrorRate: 0.1,
          throttleRate: 0.2,
          timeoutRate: 0.05,
          retryAfterSeconds: 5,
          seed: 99,
          reset: true,
        }),
      ).toEqual({
        number: 'Support',
        seed: 99,
        reset: true,
        changes: { outcome: 'failed', errorCode: '30003', latencyMs: 2000, duplicates: true, outOfOrder: false, serverErrorRate: 0.1, throttleRate: 0.2, timeoutRate: 0.05, retryAfterSeconds: 5 },
      });
    });

    it('lets errorCode be cleared back to the provider default with null', () => {
      expect(parseBehaviourUpdate({ errorCode: null }).changes).toEqual({ errorCode: null });
    });

    it('names every problem at once, including unknown fields', () => {
      expect(problemsOf({ outcome: 'lost', latencyMs: 1.5, throttleRate: 2, duplicates: 'yes', outcom: 'failed' })).toEqual([
        'outcom is not a known field (known: number, phone, reset, seed, outcome, errorCode, latencyMs, duplicates, outOfOrder, serverErrorRate, throttleRate, timeoutRate, retryAfterSeconds)',
        'outcome must be one of "delivered", "failed", "no-dlr"',
        'latencyMs must be a whole number from 0 to 600000',
        'duplicates must be true or false',
        'throttleRate must be a number from 0 to 1 (a share of requests)',
      ]);
    });

    it('refuses a body that names both a number and a phone', () => {
      expect(problemsOf({ number: 'Support', phone: '+380501234567' })).toEqual(['give either number or phone, not both']);
    });

    it('refuses a body that is not an object', () => {
      expect(problemsOf([{ outcome: 'failed' }])).toEqual(['the body must be a JSON object']);
    });
  });

  describe('BehaviourBook', () => {
    it('lets a phone override its number, and the number override the global settings', () => {
      const book = new BehaviourBook();
      book.apply(parseBehaviourUpdate({ latencyMs: 100, duplicates: true }), {});
      book.apply(parseBehaviourUpdate({ outcome: 'failed', latencyMs: 200 }), { numberId: 'twilio:15005550006' });
      book.apply(parseBehaviourUpdate({ errorCode: '30005' }), { phone: '+380501234567' });

      expect(book.effectiveFor('twilio:15005550006', '+380501234567')).toEqual({ ...DEFAULT_BEHAVIOUR, latencyMs: 200, duplicates: true, outcome: 'failed', errorCode: '30005' });
      expect(book.effectiveFor('twilio:15005550006', '+380671112233')).toEqual({ ...DEFAULT_BEHAVIOUR, latencyMs: 200, duplicates: true, outcome: 'failed' });
      expect(book.effectiveFor('infobip:380441234567', '+380671112233')).toEqual({ ...DEFAULT_BEHAVIOUR, latencyMs: 100, duplicates: true });
    });

    it('keeps earlier settings of a scope unless the update resets it', () => {
      const book = new BehaviourBook();
      book.apply(parseBehaviourUpdate({ duplicates: true }), {});
      book.apply(parseBehaviourUpdate({ outOfOrder: true }), {});
      expect(book.snapshot().global).toMatchObject({ duplicates: true, outOfOrder: true });

      book.apply(parseBehaviourUpdate({ reset: true, latencyMs: 10 }), {});
      expect(book.snapshot().global).toEqual({ ...DEFAULT_BEHAVIOUR, latencyMs: 10 });
    });

    it('refuses failure shares that add up to more than every request', () => {
      const book = new BehaviourBook();
      book.apply(parseBehaviourUpdate({ serverErrorRate: 0.6 }), {});

      expect(() => book.apply(parseBehaviourUpdate({ throttleRate: 0.5 }), {})).toThrow('serverErrorRate + throttleRate + timeoutRate is 1.1; it must not exceed 1');
    });
  });

  describe('drawSendFailure', () => {
    it('draws the same failures again for the same seed', () => {
      const behaviour = effectiveBehaviour({ serverErrorRate: 0.2, throttleRate: 0.2, timeoutRate: 0.1 });
      const draw = (seed: number) => {
        const random = seededRandom(seed);
        return Array.from({ length: 20 }, () => drawSendFailure(behaviour, random));
      };

      expect(draw(5)).toEqual(draw(5));
      expect(new Set(draw(5))).toEqual(new Set(['none', 'server-error', 'throttled', 'timeout']));
    });

    it('hands out the shares in order: 500, then 429, then timeout', () => {
      const behaviour = effectiveBehaviour({ serverErrorRate: 0.25, throttleRate: 0.25, timeoutRate: 0.25 });

      expect([0.1, 0.3, 0.6, 0.9].map((value) => drawSendFailure(behaviour, () => value))).toEqual(['server-error', 'throttled', 'timeout', 'none']);
    });

    it('never fails a request with the default behaviour', () => {
      expect(drawSendFailure(DEFAULT_BEHAVIOUR, () => 0)).toBe('none');
    });
  });
});
