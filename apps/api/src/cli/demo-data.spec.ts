import { DEMO_PEOPLE, startBanner } from './demo-data';

describe('the banner npm start prints', () => {
  const banner = startBanner({ console: 'http://127.0.0.1:4355', api: 'http://127.0.0.1:3355', simulator: 'http://127.0.0.1:4055' });

  it('lists every demo sign-in with its password', () => {
    expect(DEMO_PEOPLE.map((person) => person.email)).toEqual(['admin@backtalk.local', 'supervisor@backtalk.local', 'agent@backtalk.local', 'agent2@backtalk.local', 'billing@backtalk.local']);
    for (const person of DEMO_PEOPLE) {
      const line = banner.split('\n').find((candidate) => candidate.includes(person.email));
      expect(line).toContain(person.role === 'admin' ? 'backtalk-demo-admin' : 'backtalk-demo-agent');
    }
  });

  it('says where the console, the simulated phones and the API are', () => {
    expect(banner).toMatch(/Console\s+http:\/\/127\.0\.0\.1:4355/);
    expect(banner).toMatch(/Customer phones\s+http:\/\/127\.0\.0\.1:4055/);
    expect(banner).toMatch(/API\s+http:\/\/127\.0\.0\.1:3355 .*http:\/\/127\.0\.0\.1:3355\/api\/docs/);
  });

  it('adds what the first launch did', () => {
    expect(startBanner({ console: 'c', api: 'a', simulator: 's' }, ['5 demo customers have texted in.'])).toContain('\n  5 demo customers have texted in.\n');
  });
});
