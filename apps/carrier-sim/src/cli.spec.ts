import { apiCallFor, formatAnswer, UsageError } from './cli';

describe('sim command line', () => {
  it('turns send into a customer text to the named channel', () => {
    expect(apiCallFor(['send', '--from', '+380501234567', '--to', 'Support', 'Де', 'моє', 'замовлення?'])).toEqual({
      method: 'POST',
      path: '/sim/api/phones/%2B380501234567/messages',
      body: { to: 'Support', text: 'Де моє замовлення?' },
    });
  });

  it('says what send is missing', () => {
    expect(() => apiCallFor(['send', '--from', '+380501234567', 'hello'])).toThrow(new UsageError('send needs --from <phone>, --to <channel> and the text'));
  });

  it('turns behaviour flags into the API\'s fields and leaves out the ones not given', () => {
    expect(apiCallFor(['behaviour', '--number', 'Support', '--outcome', 'failed', '--error-code', '30003', '--latency', '2000', '--no-duplicates', '--fail-429', '0.2', '--retry-after', '5'])).toEqual({
      method: 'PUT',
      path: '/sim/api/behaviour',
      body: { number: 'Support', outcome: 'failed', errorCode: '30003', latencyMs: 2000, duplicates: false, throttleRate: 0.2, retryAfterSeconds: 5 },
    });
  });

  it('shows the behaviour when no setting is given', () => {
    expect(apiCallFor(['behaviour'])).toEqual({ method: 'GET', path: '/sim/api/behaviour' });
  });

  it('refuses a share that is not a number before asking the simulator', () => {
    expect(() => apiCallFor(['behaviour', '--timeout', 'often'])).toThrow('--timeout needs a number (got "often")');
  });

  it('filters sends by recipient and sender', () => {
    expect(apiCallFor(['sends', '--to', '+380501234567', '--from', '+15005550006'])).toEqual({ method: 'GET', path: '/sim/api/sends?to=%2B380501234567&from=%2B15005550006' });
    expect(apiCallFor(['sends', '--clear'])).toEqual({ method: 'DELETE', path: '/sim/api/sends' });
  });

  it('explains an option it does not know, with the usage', () => {
    expect(() => apiCallFor(['sends', '--recipient', '+380501234567'])).toThrow(/Unknown option '--recipient'[\s\S]*usage: npm run sim/);
  });

  it('prints the usage for an unknown command', () => {
    expect(() => apiCallFor(['sned'])).toThrow(/^unknown command "sned"\n\nusage: npm run sim/);
  });

  it('reports a text Backtalk refused as not ok', () => {
    const answer = formatAnswer(['send'], { message: { id: 'SM1', channel: 'Support', provider: 'twilio', backtalkStatus: 401, error: 'Backtalk answered 401: bad signature' } });

    expect(answer).toEqual({ text: '✗ SM1 → Support (twilio): Backtalk answered 401: bad signature', ok: false });
  });
});
