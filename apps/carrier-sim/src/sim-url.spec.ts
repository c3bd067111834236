import { resolveSimUrl } from './sim-url';

describe('which simulator npm run sim talks to', () => {
  const running = () => true;
  const state = { url: 'http://127.0.0.1:4055', pid: 4242 };

  it('takes SIM_URL first, without its trailing slash', () => {
    expect(resolveSimUrl({ SIM_URL: 'http://sim.local:9000/', SIM_PORT: '4055' }, state, running)).toEqual({ url: 'http://sim.local:9000', source: 'SIM_URL' });
  });

  it('takes SIM_PORT on this machine before the address npm start wrote', () => {
    expect(resolveSimUrl({ SIM_PORT: '4077' }, state, running)).toEqual({ url: 'http://127.0.0.1:4077', source: 'SIM_PORT' });
  });

  it('takes the address npm start wrote when no variable is set', () => {
    expect(resolveSimUrl({}, state, running).url).toBe('http://127.0.0.1:4055');
  });

  it('ignores an address left behind by a simulator that is no longer running', () => {
    expect(resolveSimUrl({}, state, () => false)).toEqual({ url: 'http://127.0.0.1:4010', source: 'the default port' });
  });

  it('treats blank variables as not set', () => {
    expect(resolveSimUrl({ SIM_URL: ' ', SIM_PORT: '' }, null, running).url).toBe('http://127.0.0.1:4010');
  });
});
