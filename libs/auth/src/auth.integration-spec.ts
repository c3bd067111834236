import { ErrorCode, REFRESH_COOKIE_NAME, Role, type SessionResponse, type TeamView, type UserView } from '@backtalk/contracts';
import { PlatformModule } from '@backtalk/platform';
import { TestApp } from '@backtalk/testing';
import { Module } from '@nestjs/common';
import { AuthModule } from './auth.module';
import { RefreshTokenEntity, UserEntity } from './entities';
import { TeamsService } from './teams/teams.service';
import { UsersService } from './users/users.service';

@Module({ imports: [PlatformModule, AuthModule] })
class AuthTestModule {}

const PASSWORD = 'correct horse battery';

describe('accounts and access', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.create(AuthTestModule);
  });
  beforeEach(() => t.reset());
  afterAll(() => t.close());

  async function givenUser(email: string, role: Role, teamIds: string[] = []): Promise<UserView> {
    return t.app.get(UsersService).create({ email, name: email.split('@')[0], password: PASSWORD, role, teamIds });
  }

  async function givenTeam(name: string): Promise<TeamView> {
    return t.app.get(TeamsService).create({ name });
  }

  async function login(email: string, password = PASSWORD, ip = '10.0.0.1') {
    return t.request<SessionResponse>('POST', '/api/auth/login', { body: { email, password }, ip });
  }

  async function tokenOf(email: string): Promise<string> {
    const response = await login(email);
    expect(response.status).toBe(200);
    return response.body.accessToken;
  }

  const refreshCookie = (response: { cookies: Array<{ name: string; value: string }> }) =>
    response.cookies.find((cookie) => cookie.name === REFRESH_COOKIE_NAME)?.value;

  describe('sign-in', () => {
    it('returns a short-lived access token and sets the refresh token as an httpOnly cookie for the auth routes only', async () => {
      await givenUser('ada@example.com', Role.Admin);
      const response = await login('ADA@example.com ');

      expect(response.status).toBe(200);
      expect(response.body.user.email).toBe('ada@example.com');
      expect(response.body.expiresIn).toBe(900);
      const cookie = response.cookies.find((candidate) => candidate.name === REFRESH_COOKIE_NAME);
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/auth' });
      expect(JSON.stringify(response.body)).not.toContain(cookie!.value);
    });

    it('answers a wrong password and an unknown email with the same error', async () => {
      await givenUser('ada@example.com', Role.Admin);
      const wrongPassword = await login('ada@example.com', 'not the password');
      const unknownEmail = await login('nobody@example.com', 'not the password');

      expect(wrongPassword.status).toBe(401);
      expect(unknownEmail.status).toBe(401);
      expect(wrongPassword.body).toEqual({ code: ErrorCode.InvalidCredentials, message: 'The email or password is incorrect' });
      expect(unknownEmail.body).toEqual(wrongPassword.body);
    });

    it('rejects a malformed sign-in with every offending field named', async () => {
      const response = await t.request('POST', '/api/auth/login', { body: { email: 'not-an-email', password: '', extra: 1 } });

      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: ErrorCode.ValidationFailed });
      const fields = (response.body as { details: Array<{ field: string }> }).details.map((detail) => detail.field).sort();
      expect(fields).toEqual(['email', 'extra', 'password']);
    });

    it('locks an account after five failures even for the right password, and says when to retry', async () => {
      await givenUser('ada@example.com', Role.Admin);
      for (let attempt = 0; attempt < 5; attempt++) expect((await login('ada@example.com', 'wrong password')).status).toBe(401);

      const blocked = await login('ada@example.com', PASSWORD);
      expect(blocked.status).toBe(429);
      expect(blocked.body).toMatchObject({ code: ErrorCode.RateLimited });
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(800);
    });

    it('limits one client IP guessing across many accounts, without blocking other IPs', async () => {
      await givenUser('ada@example.com', Role.Admin);
      for (let attempt = 0; attempt < 20; attempt++) {
        expect((await login(`victim${attempt}@example.com`, 'guess', '10.9.9.9')).status).toBe(401);
      }

      expect((await login('ada@example.com', PASSWORD, '10.9.9.9')).status).toBe(429);
      expect((await login('ada@example.com', PASSWORD, '10.1.1.1')).status).toBe(200);
    });

    it('refuses a deactivated user, and their existing access token stops working at once', async () => {
      const admin = await givenUser('ada@example.com', Role.Admin);
      await givenUser('bob@example.com', Role.Agent);
      const bobToken = await tokenOf('bob@example.com');
      const bob = (await t.request<UserView>('GET', '/api/me', { token: bobToken })).body;

      const deactivated = await t.request('PATCH', `/api/users/${bob.id}`, { token: await tokenOf(admin.email), body: { active: false } });
      expect(deactivated.status).toBe(200);

      expect((await t.request('GET', '/api/me', { token: bobToken })).status).toBe(401);
      expect((await login('bob@example.com')).status).toBe(401);
    });
  });

  describe('refresh tokens', () => {
    it('rotates the refresh token on every use', async () => {
      await givenUser('ada@example.com', Role.Admin);
      const first = refreshCookie(await login('ada@example.com'))!;

      const refreshed = await t.request<SessionResponse>('POST', '/api/auth/refresh', { cookies: { [REFRESH_COOKIE_NAME]: first } });
      expect(refreshed.status).toBe(200);
      expect(refreshed.body.accessToken).toEqual(expect.any(String));
      const second = refreshCookie(refreshed)!;
      expect(second).not.toBe(first);

      expect((await t.request('POST', '/api/auth/refresh', { cookies: { [REFRESH_COOKIE_NAME]: second } })).status).toBe(200);
    });

    it('treats an old token coming back as theft and ends the whole session', async () => {
      await givenUser('ada@example.com', Role.Admin);
      const stolen = refreshCookie(await login('ada@example.com'))!;
      const current = refreshCookie(await t.request('POST', '/api/auth/refresh', { cookies: { [REFRESH_COOKIE_NAME]: stolen } }))!;
      // Past the window in which two tabs refreshing at once is a benign race.
      await t.dataSource.query(`UPDATE refresh_token SET revoked_at = revoked_at - interval '1 minute' WHERE revoked_at IS NOT NULL`);

      const replay = await t.request('POST', '/api/auth/refresh', { cookies: { [REFRESH_COOKIE_NAME]: stolen } });
      expect(replay.status).toBe(401);
      expect(replay.body).toMatchObject({ code: ErrorCode.RefreshTokenInvalid });

      expect((await t.request('POST', '/api/auth/refresh', { cookies: { [REFRESH_COOKIE_NAME]: current } })).status).toBe(401);
      const reasons = await t.dataSource.getRepository(RefreshTokenEntity).find();
      expect(reasons.map((token) => token.revokedReason).sort()).toEqual(['reuse_detected', 'rotated']);
    });

    it('lets exactly one of two simultaneous refreshes with the same token win, without ending the session', async () => {
      await givenUser('ada@example.com', Role.Admin);
      const token = refreshCookie(await login('ada@example.com'))!;

      const results = await Promise.all([1, 2].map(() => t.request('POST', '/api/auth/refresh', { cookies: { [REFRESH_COOKIE_NAME]: token } })));
      expect(results.map((result) => result.status).sort()).toEqual([200, 401]);

      const winner = results.find((result) => result.status === 200)!;
      expect((await t.request('POST', '/api/auth/refresh', { cookies: { [REFRESH_COOKIE_NAME]: refreshCookie(winner)! } })).status).toBe(200);
    });

    it('revokes the session on logout', async () => {
      await givenUser('ada@example.com', Role.Admin);
      const token = refreshCookie(await login('ada@example.com'))!;

      expect((await t.request('POST', '/api/auth/logout', { cookies: { [REFRESH_COOKIE_NAME]: token } })).status).toBe(204);
      expect((await t.request('POST', '/api/auth/refresh', { cookies: { [REFRESH_COOKIE_NAME]: token } })).status).toBe(401);
    });

    it('ends every other session when the password changes, and keeps the one that changed it', async () => {
      await givenUser('ada@example.com', Role.Admin);
      const otherDevice = await login('ada@example.com');
      const thisDevice = await login('ada@example.com');
      // Access tokens carry whole seconds; make the change strictly later than their issue time.
      await t.dataSource.getRepository(UserEntity).update({ email: 'ada@example.com' }, { passwordChangedAt: new Date(Date.now() - 5000) });
      await new Promise((resolve) => setTimeout(resolve, 1100));

      const changed = await t.request<SessionResponse>('POST', '/api/me/password', {
        token: thisDevice.body.accessToken,
        body: { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' },
      });
      expect(changed.status).toBe(200);

      expect((await t.request('POST', '/api/auth/refresh', { cookies: { [REFRESH_COOKIE_NAME]: refreshCookie(otherDevice)! } })).status).toBe(401);
      expect((await t.request('GET', '/api/me', { token: otherDevice.body.accessToken })).status).toBe(401);
      expect((await t.request('GET', '/api/me', { token: changed.body.accessToken })).status).toBe(200);
      expect((await t.request('POST', '/api/auth/refresh', { cookies: { [REFRESH_COOKIE_NAME]: refreshCookie(changed)! } })).status).toBe(200);
      expect((await login('ada@example.com', 'a brand new passphrase')).status).toBe(200);
    });
  });

  describe('the access rule', () => {
    let teamA: TeamView;
    let teamB: TeamView;
    let agentB: UserView;

    beforeEach(async () => {
      teamA = await givenTeam('Team A');
      teamB = await givenTeam('Team B');
      await givenUser('admin@example.com', Role.Admin);
      await givenUser('agent-a@example.com', Role.Agent, [teamA.id]);
      await givenUser('super-a@example.com', Role.Supervisor, [teamA.id]);
      agentB = await givenUser('agent-b@example.com', Role.Agent, [teamB.id]);
    });

    it('shows an agent only their own teams', async () => {
      const teams = await t.request<TeamView[]>('GET', '/api/teams', { token: await tokenOf('agent-a@example.com') });
      expect(teams.body.map((team) => team.name)).toEqual(['Team A']);
    });

    it('answers 404, not the data, when an agent of team A asks for team B', async () => {
      const response = await t.request('GET', `/api/teams/${teamB.id}`, { token: await tokenOf('agent-a@example.com') });
      expect(response.status).toBe(404);
      expect(response.body).toEqual({ code: ErrorCode.NotFound, message: 'Team was not found' });
    });

    it('answers 404 when an agent of team A asks for a member of team B', async () => {
      const token = await tokenOf('agent-a@example.com');
      expect((await t.request('GET', `/api/users/${agentB.id}`, { token })).status).toBe(404);
      const users = await t.request<UserView[]>('GET', '/api/users', { token });
      expect(users.body.map((user) => user.email).sort()).toEqual(['agent-a@example.com', 'super-a@example.com']);
    });

    it('lets a supervisor manage their own team but not another', async () => {
      const token = await tokenOf('super-a@example.com');
      const renamed = await t.request<TeamView>('PATCH', `/api/teams/${teamA.id}`, { token, body: { name: 'Team A (day shift)' } });
      expect(renamed.status).toBe(200);
      expect(renamed.body.name).toBe('Team A (day shift)');
      expect((await t.request('PATCH', `/api/teams/${teamB.id}`, { token, body: { name: 'Mine now' } })).status).toBe(404);
    });

    it('answers a supervisor who adds another team’s agent exactly as for a user who does not exist, and changes nothing', async () => {
      const token = await tokenOf('super-a@example.com');
      const before = (await t.request<TeamView>('GET', `/api/teams/${teamA.id}`, { token })).body.memberIds;

      const otherTeams = await t.request('PATCH', `/api/teams/${teamA.id}`, { token, body: { memberIds: [...before, agentB.id] } });
      const nobody = await t.request('PATCH', `/api/teams/${teamA.id}`, { token, body: { memberIds: [...before, '7d3c1a52-6f4e-4b8a-9a51-0c2d3e4f5a6b'] } });

      expect(otherTeams.status).toBe(404);
      expect(otherTeams.body).toEqual({ code: ErrorCode.NotFound, message: 'User was not found' });
      expect(nobody.status).toBe(404);
      expect(nobody.body).toEqual(otherTeams.body);
      expect((await t.request<TeamView>('GET', `/api/teams/${teamA.id}`, { token })).body.memberIds).toEqual(before);
      expect((await t.request<UserView>('GET', `/api/users/${agentB.id}`, { token: await tokenOf('admin@example.com') })).body.teamIds).toEqual([teamB.id]);
    });

    it('lets a supervisor regroup people already in one of their teams, and take them out', async () => {
      const teamC = await givenTeam('Team C');
      const supervisor = await givenUser('super-ac@example.com', Role.Supervisor, [teamA.id, teamC.id]);
      const token = await tokenOf('super-ac@example.com');
      const agentA = (await t.request<UserView[]>('GET', '/api/users', { token })).body.find((user) => user.email === 'agent-a@example.com')!;

      const joined = await t.request<TeamView>('PATCH', `/api/teams/${teamC.id}`, { token, body: { memberIds: [supervisor.id, agentA.id] } });
      expect(joined.status).toBe(200);
      expect(joined.body.memberIds.sort()).toEqual([supervisor.id, agentA.id].sort());
      const left = await t.request<TeamView>('PATCH', `/api/teams/${teamC.id}`, { token, body: { memberIds: [supervisor.id] } });
      expect(left.body.memberIds).toEqual([supervisor.id]);
    });

    it('lets an admin add anyone to any team', async () => {
      const token = await tokenOf('admin@example.com');
      const added = await t.request<TeamView>('PATCH', `/api/teams/${teamA.id}`, { token, body: { memberIds: [agentB.id] } });
      expect(added.status).toBe(200);
      expect(added.body.memberIds).toEqual([agentB.id]);
      expect((await t.request<UserView>('GET', `/api/users/${agentB.id}`, { token })).body.teamIds.sort()).toEqual([teamA.id, teamB.id].sort());
    });

    it('does not let an agent change their team or create users', async () => {
      const token = await tokenOf('agent-a@example.com');
      expect((await t.request('PATCH', `/api/teams/${teamA.id}`, { token, body: { name: 'x' } })).status).toBe(403);
      const created = await t.request('POST', '/api/users', { token, body: { email: 'x@example.com', name: 'X', password: PASSWORD, role: Role.Admin } });
      expect(created.status).toBe(403);
      expect(await t.dataSource.getRepository(UserEntity).countBy({ email: 'x@example.com' })).toBe(0);
    });

    it('shows an admin every team and user', async () => {
      const token = await tokenOf('admin@example.com');
      expect((await t.request<TeamView[]>('GET', '/api/teams', { token })).body).toHaveLength(2);
      expect((await t.request<UserView[]>('GET', '/api/users', { token })).body).toHaveLength(4);
      expect((await t.request('GET', `/api/teams/${teamB.id}`, { token })).status).toBe(200);
    });

    it('applies a membership change on the next request', async () => {
      const token = await tokenOf('agent-a@example.com');
      await t.request('PATCH', `/api/teams/${teamB.id}`, {
        token: await tokenOf('admin@example.com'),
        body: { memberIds: [agentB.id, (await t.request<UserView>('GET', '/api/me', { token })).body.id] },
      });
      expect((await t.request('GET', `/api/teams/${teamB.id}`, { token })).status).toBe(200);
    });
  });

  describe('user administration', () => {
    it('refuses a duplicate email with a clear conflict', async () => {
      await givenUser('ada@example.com', Role.Admin);
      const token = await tokenOf('ada@example.com');
      const response = await t.request('POST', '/api/users', { token, body: { email: 'Ada@Example.com', name: 'Ada 2', password: PASSWORD, role: Role.Agent } });
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({ code: ErrorCode.Conflict, message: 'A user with this email already exists' });
    });

    it('keeps at least one active admin', async () => {
      const ada = await givenUser('ada@example.com', Role.Admin);
      const bea = await givenUser('bea@example.com', Role.Admin);
      const token = await tokenOf('bea@example.com');
      expect((await t.request('PATCH', `/api/users/${ada.id}`, { token, body: { role: Role.Agent } })).status).toBe(200);
      expect((await t.request('PATCH', `/api/users/${bea.id}`, { token, body: { active: false } })).status).toBe(409);
    });

    it('rejects unknown teams without creating the user', async () => {
      await givenUser('ada@example.com', Role.Admin);
      const response = await t.request('POST', '/api/users', {
        token: await tokenOf('ada@example.com'),
        body: { email: 'new@example.com', name: 'New', password: PASSWORD, role: Role.Agent, teamIds: ['7d3c1a52-6f4e-4b8a-9a51-0c2d3e4f5a6b'] },
      });
      expect(response.status).toBe(400);
      expect(await t.dataSource.getRepository(UserEntity).countBy({ email: 'new@example.com' })).toBe(0);
    });
  });

  describe('API keys', () => {
    it('shows a new key once, stores only its hash, authenticates with it and stops after revocation', async () => {
      await givenUser('ada@example.com', Role.Admin);
      const token = await tokenOf('ada@example.com');
      const created = await t.request<{ key: string; apiKey: { id: string; prefix: string } }>('POST', '/api/api-keys', {
        token,
        body: { name: 'Order system', scopes: ['messages:send'] },
      });
      expect(created.status).toBe(201);
      const { key, apiKey } = created.body;
      expect(key.startsWith(apiKey.prefix)).toBe(true);

      const listed = await t.request('GET', '/api/api-keys', { token });
      expect(JSON.stringify(listed.body)).not.toContain(key);
      const stored = await t.dataSource.query(`SELECT key_hash FROM api_key`);
      expect(JSON.stringify(stored)).not.toContain(key);

      const whoAmI = await t.request<{ name: string; scopes: string[] }>('GET', '/api/v1/api-key', { token: key });
      expect(whoAmI.status).toBe(200);
      expect(whoAmI.body).toMatchObject({ name: 'Order system', scopes: ['messages:send'] });

      expect((await t.request('DELETE', `/api/api-keys/${apiKey.id}`, { token })).status).toBe(204);
      expect((await t.request('GET', '/api/v1/api-key', { token: key })).status).toBe(401);
    });

    it('never lets an API key act as a person, nor a person’s token as an API key', async () => {
      await givenUser('ada@example.com', Role.Admin);
      const token = await tokenOf('ada@example.com');
      const { key } = (await t.request<{ key: string }>('POST', '/api/api-keys', { token, body: { name: 'x', scopes: ['messages:read'] } })).body;

      expect((await t.request('GET', '/api/users', { token: key })).status).toBe(401);
      expect((await t.request('GET', '/api/v1/api-key', { token })).status).toBe(401);
    });
  });
});
