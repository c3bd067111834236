import { publicUrlFor, trustedProxyList } from './public-url';

const base = 'https://helpdesk.example.com';
const path = '/api/webhooks/twilio/7f0c?tenant=a';

describe('publicUrlFor', () => {
  it('builds the signed URL from PUBLIC_BASE_URL and the path as received', () => {
    const url = publicUrlFor({ url: path, remoteAddress: '203.0.113.9', headers: { host: 'internal:3000' } }, base, trustedProxyList([]));
    expect(url).toBe('https://helpdesk.example.com/api/webhooks/twilio/7f0c?tenant=a');
  });

  it('ignores forwarded headers from a client that is not a trusted proxy', () => {
    const headers = { 'x-forwarded-host': 'attacker.example', 'x-forwarded-proto': 'http' };
    const url = publicUrlFor({ url: path, remoteAddress: '203.0.113.9', headers }, base, trustedProxyList(['10.0.0.0/8']));
    expect(url.startsWith('https://helpdesk.example.com/')).toBe(true);
  });

  it('honours forwarded proto, host and prefix from a trusted proxy', () => {
    const headers = { 'x-forwarded-host': 'sms.example.org, proxy2', 'x-forwarded-proto': 'https', 'x-forwarded-prefix': '/backtalk/' };
    const url = publicUrlFor({ url: path, remoteAddress: '::ffff:10.1.2.3', headers }, base, trustedProxyList(['10.0.0.0/8']));
    expect(url).toBe('https://sms.example.org/backtalk/api/webhooks/twilio/7f0c?tenant=a');
  });

  it('keeps a path prefix that is part of PUBLIC_BASE_URL', () => {
    const url = publicUrlFor({ url: path, remoteAddress: '127.0.0.1', headers: {} }, 'https://example.com/backtalk/', trustedProxyList([]));
    expect(url).toBe('https://example.com/backtalk/api/webhooks/twilio/7f0c?tenant=a');
  });
});
