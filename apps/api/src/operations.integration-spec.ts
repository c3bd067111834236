import { TcpProxy, TestApp } from '@backtalk/testing';
import { ApiModule } from './api.module';

const OperationsTestModule = ApiModule.forRoot({ runWorkers: false });

describe('operations endpoints of the api', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.create(OperationsTestModule);
  });
  afterAll(() => t.close());

  it('answers liveness and readiness with PostgreSQL and Redis up', async () => {
    expect((await t.request('GET', '/health')).body).toEqual({ status: 'ok' });
    const ready = await t.request('GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ok', checks: { postgres: { status: 'up' }, redis: { status: 'up' } } });
  });

  it('exposes Prometheus metrics with the HTTP latency histogram', async () => {
    await t.request('GET', '/health');
    const metrics = await t.request<string>('GET', '/metrics');
    expect(metrics.status).toBe(200);
    expect(String(metrics.headers['content-type'])).toContain('text/plain');
    expect(metrics.body).toMatch(/http_request_duration_seconds_bucket\{[^}]*route="\/health"/);
  });

  it('serves the OpenAPI document', async () => {
    const document = await t.request<{ openapi: string; info: { title: string } }>('GET', '/api/docs/openapi.json');
    expect(document.status).toBe(200);
    expect(document.body).toMatchObject({ openapi: expect.stringMatching(/^3\./), info: { title: 'Backtalk API' } });
  });

  it('echoes a sane request id and replaces one that is not', async () => {
    expect((await t.request('GET', '/health', { headers: { 'x-request-id': 'carrier-req-0001' } })).headers['x-request-id']).toBe('carrier-req-0001');
    expect((await t.request('GET', '/health', { headers: { 'x-request-id': 'bad id\nwith newline' } })).headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers an unknown route with the error shape', async () => {
    const response = await t.request('GET', '/api/no-such-route');
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('reports not ready, with 503, while PostgreSQL cannot be reached', async () => {
    const databaseUrl = new URL(process.env['DATABASE_URL']!);
    const proxy = await TcpProxy.start(databaseUrl.hostname, Number(databaseUrl.port || 5432));
    databaseUrl.host = `127.0.0.1:${proxy.port}`;
    const app = await TestApp.create(OperationsTestModule, { DATABASE_URL: databaseUrl.toString() });
    try {
      proxy.interrupt();
      const ready = await app.request<{ status: string; checks: { postgres: { status: string } } }>('GET', '/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({ status: 'unavailable', checks: { postgres: { status: 'down' }, redis: { status: 'up' } } });
      expect((await app.request('GET', '/health')).status).toBe(200);
    } finally {
      await app.close();
      await proxy.close();
    }
  });
});
