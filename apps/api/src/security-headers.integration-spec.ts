import { randomBytes, randomUUID } from 'node:crypto';
import { TeamsService } from '@backtalk/auth';
import { ChannelsService, WEBHOOKS_PATH } from '@backtalk/channels';
import { Provider, SenderType } from '@backtalk/contracts';
import { type HttpResult, TestApp, twilioForm } from '@backtalk/testing';
import { ApiModule } from './api.module';

const SecurityHeadersTestModule = ApiModule.forRoot({ runWorkers: false });
const PUBLIC_BASE_URL = 'https://backtalk.example.com';

/** The CSP as directive name → sources. */
function policyOf(response: HttpResult): Record<string, string[]> {
  const header = String(response.headers['content-security-policy'] ?? '');
  return Object.fromEntries(
    header
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name, sources]),
  );
}

function expectUnframeableAndUnsniffable(response: HttpResult): void {
  expect(policyOf(response)['frame-ancestors']).toEqual(["'none'"]);
  expect(response.headers['x-frame-options']).toBe('DENY');
  expect(response.headers['x-content-type-options']).toBe('nosniff');
  expect(response.headers['referrer-policy']).toBe('no-referrer');
}

describe('security headers of the api', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.create(SecurityHeadersTestModule, { PUBLIC_BASE_URL });
    // Earlier files of the run share the database; their channels may hold this file's sender.
    await t.reset();
  });
  afterAll(() => t.close());

  it('answers an API route with a policy that loads nothing and cannot be framed, and without HSTS outside production', async () => {
    const response = await t.request('GET', '/health');

    expect(response.status).toBe(200);
    expectUnframeableAndUnsniffable(response);
    expect(policyOf(response)['default-src']).toEqual(["'none'"]);
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });

  it('sends the same headers with error responses', async () => {
    const notFound = await t.request('GET', '/api/no-such-route');
    const unauthenticated = await t.request('GET', '/api/conversations');

    expect([notFound.status, unauthenticated.status]).toEqual([404, 401]);
    for (const response of [notFound, unauthenticated]) {
      expectUnframeableAndUnsniffable(response);
      expect(policyOf(response)['default-src']).toEqual(["'none'"]);
    }
  });

  it('serves the OpenAPI page with a policy swagger-ui works under: its own scripts only, inline styles, no framing', async () => {
    const page = await t.request<string>('GET', '/api/docs');

    expect(page.status).toBe(200);
    expect(page.body).toContain('swagger-ui');
    expectUnframeableAndUnsniffable(page);
    const policy = policyOf(page);
    expect(policy['script-src']).toEqual(["'self'"]);
    expect(policy['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
    expect(policy['connect-src']).toEqual(["'self'"]);
    expect(policy['img-src']).toEqual(["'self'", 'data:']);
    // Its scripts are served from the same prefix, and must not be sniffed into something else either.
    const script = await t.request('GET', '/api/docs/swagger-ui-init.js');
    expect(script.status).toBe(200);
    expect(script.headers['x-content-type-options']).toBe('nosniff');
  });

  it('sends the headers from the carrier webhook endpoint too, which answers in front of Fastify', async () => {
    const teamId = (await t.app.get(TeamsService).create({ name: `Support ${randomUUID()}` })).id;
    const channel = await t.app.get(ChannelsService).create({
      teamId,
      name: 'Twilio line',
      provider: Provider.Twilio,
      sender: '+15005550006',
      senderType: SenderType.LongCode,
      country: 'US',
      secrets: { authToken: 'twilio-auth-token' },
    });
    const path = new URL(channel.webhookUrl).pathname;
    const params: Array<[string, string]> = [
      ['MessageSid', `SM${randomUUID().replace(/-/g, '')}`],
      ['From', '+380501234567'],
      ['To', '+15005550006'],
      ['Body', 'hello'],
      ['NumMedia', '0'],
      ['SmsStatus', 'received'],
    ];
    const accepted = await t.deliver(twilioForm(PUBLIC_BASE_URL, path, params, 'twilio-auth-token'));
    const unknownChannel = await t.deliver({ method: 'POST', path: `${WEBHOOKS_PATH}/twilio/${randomUUID()}`, headers: {}, body: '' });
    const malformed = await t.deliver({ method: 'POST', path: `${WEBHOOKS_PATH}/twilio/not-a-uuid`, headers: {}, body: '' });

    expect([accepted.status, unknownChannel.status, malformed.status]).toEqual([200, 404, 400]);
    for (const response of [accepted, unknownChannel, malformed]) {
      expectUnframeableAndUnsniffable(response);
      expect(policyOf(response)['default-src']).toEqual(["'none'"]);
      expect(response.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('adds HSTS in production, on API routes and on the webhook endpoint alike', async () => {
    const production = await TestApp.create(SecurityHeadersTestModule, {
      NODE_ENV: 'production',
      PUBLIC_BASE_URL,
      JWT_SECRET: randomBytes(48).toString('base64'),
      SECRETS_KEY: randomBytes(32).toString('base64'),
    });
    try {
      const route = await production.request('GET', '/health');
      const webhook = await production.deliver({ method: 'POST', path: `${WEBHOOKS_PATH}/twilio/${randomUUID()}`, headers: {}, body: '' });

      for (const response of [route, webhook]) expect(response.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    } finally {
      await production.close();
    }
  });
});
