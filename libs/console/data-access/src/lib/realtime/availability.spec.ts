import { presenceToAnnounce } from './availability';

describe('presenceToAnnounce', () => {
  it('announces online while the agent is available and the console is in sight', () => {
    expect(presenceToAnnounce('online', true)).toBe('online');
  });

  it('announces away while the console is out of sight, so nobody is given conversations nobody sees', () => {
    expect(presenceToAnnounce('online', false)).toBe('away');
  });

  it('keeps an agent who chose away away even with the console in sight', () => {
    expect(presenceToAnnounce('away', true)).toBe('away');
  });
});
