import { ErrorCode } from '@backtalk/contracts';
import { ApiError, NETWORK_ERROR } from './api-error';
import { createHttpClient, type HttpClientDeps } from './http-client';

type Call = { path: string; init: RequestInit };

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers });
}

function setup(responses: Array<Response | Error | DOMException>, overrides: Partial<HttpClientDeps> = {}) {
  const calls: Call[] = [];
  let token: string | null = 'old-token';
  const deps: HttpClientDeps = {
    fetch: async (path, init) => {
      calls.push({ path, init });
      const next = responses.shift();
      if (!next) throw new Error(`unexpected request ${path}`);
      if (!(next instanceof Response)) throw next;
      return next;
    },
    getAccessToken: () => token,
    refreshSession: jest.fn(async () => {
      token = 'new-token';
      return true;
    }),
    reachability: { unreachable: jest.fn(), reachable: jest.fn() },
    ...overrides,
  };
  const authHeader = (i: number) => (calls[i].init.headers as Record<string, string>)['Authorization'];
  return { client: createHttpClient(deps), deps, calls, authHeader, setToken: (t: string | null) => (token = t) };
}

const expired = () => json(401, { code: ErrorCode.TokenExpired, message: 'Token expired' });

describe('createHttpClient', () => {
  it('sends the access token as a bearer header and parses the JSON body', async () => {
    const { client, authHeader } = setup([json(200, { id: 'u1' })]);

    await expect(client.get('/api/me')).resolves.toEqual({ id: 'u1' });
    expect(authHeader(0)).toBe('Bearer old-token');
  });

  it('returns a text body as it is, asking for that media type, when the caller wants text (a CSV download)', async () => {
    const csv = 'day,conversations\n2026-12-01,4\n';
    const { client, calls } = setup([new Response(csv, { status: 200, headers: { 'Content-Type': 'text/csv' } })]);

    await expect(client.get('/api/reports/overview?format=csv', { responseType: 'text', accept: 'text/csv' })).resolves.toBe(csv);
    expect((calls[0].init.headers as Record<string, string>)['Accept']).toBe('text/csv');
  });

  it('serialises bodies as JSON and includes cookies', async () => {
    const { client, calls } = setup([json(201, { id: 't1' })]);

    await client.post('/api/teams', { name: 'Support' });

    expect(calls[0].init).toMatchObject({ method: 'POST', body: '{"name":"Support"}', credentials: 'include' });
    expect((calls[0].init.headers as Record<string, string>)['Content-Type']).toBe('application/json');
  });

  it('sends a file as it is, with its own media type, rather than as JSON', async () => {
    const { client, calls } = setup([json(201, { id: 'i1' })]);
    const file = new Blob(['phone,name\n+380501234567,Olena\n'], { type: 'text/csv' });

    await client.post('/api/contacts/imports', file);
    expect(calls[0].init.body).toBe(file);
    expect((calls[0].init.headers as Record<string, string>)['Content-Type']).toBe('text/csv');
  });

  it('sends extra headers such as Idempotency-Key, and the same ones again on the retry after a refresh', async () => {
    const { client, calls } = setup([expired(), json(201, { id: 'm1' })]);

    await client.post('/api/conversations/c1/messages', { body: 'Hi' }, { headers: { 'Idempotency-Key': 'key-1' } });

    expect(calls.map((call) => (call.init.headers as Record<string, string>)['Idempotency-Key'])).toEqual(['key-1', 'key-1']);
  });

  it('resolves to undefined for a 204 without a body', async () => {
    const { client } = setup([new Response(null, { status: 204 })]);

    await expect(client.delete('/api/teams/t1')).resolves.toBeUndefined();
  });

  it('refreshes once on an expired token and retries the request with the new token', async () => {
    const { client, deps, authHeader } = setup([expired(), json(200, ['ok'])]);

    await expect(client.get('/api/users')).resolves.toEqual(['ok']);
    expect(deps.refreshSession).toHaveBeenCalledTimes(1);
    expect(authHeader(1)).toBe('Bearer new-token');
  });

  it('refreshes on UNAUTHENTICATED as well as TOKEN_EXPIRED', async () => {
    const { client, deps } = setup([json(401, { code: ErrorCode.Unauthenticated, message: 'x' }), json(200, {})]);

    await client.get('/api/me');

    expect(deps.refreshSession).toHaveBeenCalledTimes(1);
  });

  it('does not refresh again when the retried request is also rejected', async () => {
    const { client, deps } = setup([expired(), expired()]);

    await expect(client.get('/api/users')).rejects.toMatchObject({ code: ErrorCode.TokenExpired });
    expect(deps.refreshSession).toHaveBeenCalledTimes(1);
  });

  it('gives up with the original error when the refresh is rejected', async () => {
    const { client, calls } = setup([expired()], { refreshSession: async () => false });

    await expect(client.get('/api/users')).rejects.toMatchObject({ status: 401, code: ErrorCode.TokenExpired });
    expect(calls).toHaveLength(1);
  });

  it('retries without refreshing when another request renewed the token while this one was in flight', async () => {
    const { client, deps, calls, authHeader, setToken } = setup([]);
    const responses = [expired(), json(200, {})];
    deps.fetch = async (path, init) => {
      calls.push({ path, init });
      // The first response arrives after a concurrent refresh has already stored a new token.
      if (calls.length === 1) setToken('renewed-elsewhere');
      return responses.shift() as Response;
    };

    await client.get('/api/users');

    expect(deps.refreshSession).not.toHaveBeenCalled();
    expect(authHeader(1)).toBe('Bearer renewed-elsewhere');
  });

  it('does not try to refresh on other 401s, such as wrong credentials', async () => {
    const { client, deps } = setup([json(401, { code: ErrorCode.InvalidCredentials, message: 'x' })]);

    await expect(client.post('/api/me/password', {})).rejects.toMatchObject({ code: ErrorCode.InvalidCredentials });
    expect(deps.refreshSession).not.toHaveBeenCalled();
  });

  it('never refreshes or sends a token for anonymous requests', async () => {
    const { client, deps, authHeader } = setup([json(401, { code: ErrorCode.Unauthenticated, message: 'x' })]);

    await expect(client.post('/api/auth/login', {}, { anonymous: true })).rejects.toBeInstanceOf(ApiError);
    expect(deps.refreshSession).not.toHaveBeenCalled();
    expect(authHeader(0)).toBeUndefined();
  });

  it('reports the API unreachable and throws a network error when fetch fails', async () => {
    const { client, deps } = setup([new TypeError('Failed to fetch')]);

    await expect(client.get('/api/me')).rejects.toMatchObject({ status: 0, code: NETWORK_ERROR });
    expect(deps.reachability.unreachable).toHaveBeenCalledTimes(1);
  });

  it.each([502, 503, 504])('reports the API unreachable on a %i', async (status) => {
    const { client, deps } = setup([new Response('bad gateway', { status })]);

    await expect(client.get('/api/me')).rejects.toMatchObject({ status });
    expect(deps.reachability.unreachable).toHaveBeenCalled();
    expect(deps.reachability.reachable).not.toHaveBeenCalled();
  });

  it('reports the API reachable on any response of its own, errors included', async () => {
    const { client, deps } = setup([json(404, { code: ErrorCode.NotFound, message: 'x' })]);

    await expect(client.get('/api/teams/x')).rejects.toMatchObject({ code: ErrorCode.NotFound });
    expect(deps.reachability.reachable).toHaveBeenCalled();
  });

  it('lets an aborted request fail as an abort without blaming the network', async () => {
    const { client, deps } = setup([new DOMException('aborted', 'AbortError')]);

    await expect(client.get('/api/me')).rejects.toMatchObject({ name: 'AbortError' });
    expect(deps.reachability.unreachable).not.toHaveBeenCalled();
  });
});
