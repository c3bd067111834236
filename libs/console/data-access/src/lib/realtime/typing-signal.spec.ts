import { createTypingSignaller, TYPING_IDLE_MS, TYPING_RENEW_MS } from './typing-signal';

function setup() {
  let now = 0;
  const sent: Array<[string, boolean]> = [];
  let timer: { fn: () => void; at: number } | null = null;
  const signaller = createTypingSignaller({
    send: (conversationId, typing) => sent.push([conversationId, typing]),
    now: () => now,
    setTimeout: (fn, ms) => (timer = { fn, at: now + ms }),
    clearTimeout: () => (timer = null),
  });
  const advance = (ms: number) => {
    now += ms;
    if (timer && timer.at <= now) {
      const due = timer;
      timer = null;
      due.fn();
    }
  };
  return { signaller, sent, advance };
}

describe('typing signaller', () => {
  it('says typing once when typing starts, not on every key', () => {
    const { signaller, sent, advance } = setup();
    for (let i = 0; i < 10; i++) {
      signaller.keystroke('c1');
      advance(100);
    }

    expect(sent).toEqual([['c1', true]]);
  });

  it('renews the signal while typing goes on', () => {
    const { signaller, sent, advance } = setup();
    for (let t = 0; t <= TYPING_RENEW_MS; t += 500) {
      signaller.keystroke('c1');
      advance(500);
    }

    expect(sent).toEqual([
      ['c1', true],
      ['c1', true],
    ]);
  });

  it('says stopped after a pause in typing', () => {
    const { signaller, sent, advance } = setup();
    signaller.keystroke('c1');
    advance(TYPING_IDLE_MS);

    expect(sent).toEqual([
      ['c1', true],
      ['c1', false],
    ]);
  });

  it('says stopped at once on send, and only once', () => {
    const { signaller, sent, advance } = setup();
    signaller.keystroke('c1');
    signaller.stop();
    advance(TYPING_IDLE_MS);
    signaller.stop();

    expect(sent).toEqual([
      ['c1', true],
      ['c1', false],
    ]);
  });

  it('stops typing in one conversation when typing starts in another', () => {
    const { signaller, sent } = setup();
    signaller.keystroke('c1');
    signaller.keystroke('c2');

    expect(sent).toEqual([
      ['c1', true],
      ['c1', false],
      ['c2', true],
    ]);
  });
});
