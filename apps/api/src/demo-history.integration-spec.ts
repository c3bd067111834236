import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { TestApp } from '@backtalk/testing';
import { ApiModule } from './api.module';
import { DEMO_HISTORY_DAYS, generateDemoHistory } from './cli/demo-history';

// The demo's month of history, written after the real demo seed (teams, people, channels, FAQs, the rule), checked
// against the invariants the product itself keeps.

const ROOT = join(__dirname, '../../..');
const run = promisify(execFile);
const NOW = new Date('2026-03-18T10:30:00Z');

const count = async (t: TestApp, sql: string, params: unknown[] = []): Promise<number> => Number((await t.dataSource.query(sql, params))[0].n);

describe('demo history', () => {
  let t: TestApp;
  let scratch: string;

  beforeAll(async () => {
    t = await TestApp.create(ApiModule.forRoot({ runWorkers: false }));
    await t.reset();
    scratch = mkdtempSync(join(tmpdir(), 'backtalk-history-'));
    await run(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/cli/seed.ts', '--demo-channels', join(scratch, 'numbers.json'), '--sim-url', 'http://127.0.0.1:9'], { cwd: ROOT, env: process.env });
    const result = await generateDemoHistory(t.dataSource, { now: NOW });
    expect(result).toMatchObject({ created: expect.any(Number) });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('covers the last 30 days with a few hundred conversations on both demo teams, none in the future', async () => {
    const [span] = await t.dataSource.query(`SELECT min(sent_at) AS first, max(sent_at) AS last, count(DISTINCT date_trunc('day', sent_at)) AS days FROM message`);
    expect(NOW.getTime() - span.first.getTime()).toBeGreaterThan((DEMO_HISTORY_DAYS - 1) * 86_400_000);
    expect(span.last.getTime()).toBeLessThan(NOW.getTime());
    expect(Number(span.days)).toBeGreaterThanOrEqual(DEMO_HISTORY_DAYS - 1);
    expect(await count(t, `SELECT count(*) AS n FROM conversation`)).toBeGreaterThan(200);
    const teams: Array<{ name: string; n: string }> = await t.dataSource.query(`SELECT t.name, count(*) AS n FROM conversation c JOIN team t ON t.id = c.team_id GROUP BY t.name ORDER BY t.name`);
    expect(teams.map((team) => team.name)).toEqual(['Billing', 'Support']);
    expect(await count(t, `SELECT count(*) AS n FROM conversation_activity WHERE occurred_at >= $1`, [NOW])).toBe(0);
  });

  it('writes every kind of row the reports read', async () => {
    for (const kind of ['customer', 'agent', 'auto_reply', 'notification', 'survey']) expect(await count(t, `SELECT count(*) AS n FROM message WHERE kind = $1`, [kind])).toBeGreaterThan(0);
    for (const status of ['delivered', 'undelivered']) expect(await count(t, `SELECT count(*) AS n FROM message WHERE status = $1`, [status])).toBeGreaterThan(0);
    for (const table of ['conversation_assignment', 'sla_breach', 'automation_run', 'consent', 'delivery_report', 'csat_response']) expect(await count(t, `SELECT count(*) AS n FROM ${table}`)).toBeGreaterThan(0);
    for (const action of ['opt_out', 'opt_in']) expect(await count(t, `SELECT count(*) AS n FROM consent_event WHERE action = $1`, [action])).toBeGreaterThan(0);
    for (const type of ['assigned', 'resolved', 'reopened', 'opted_out', 'opted_in', 'sla_breached', 'automation_held', 'marked_pending', 'csat_rated']) {
      expect(await count(t, `SELECT count(*) AS n FROM conversation_activity WHERE type = $1`, [type])).toBeGreaterThan(0);
    }
    expect(await count(t, `SELECT count(*) AS n FROM message WHERE kind = 'auto_reply' AND metadata ->> 'faqId' IS NOT NULL AND metadata ->> 'ruleId' IS NOT NULL`)).toBeGreaterThan(0);
    expect(await count(t, `SELECT count(*) AS n FROM csat_response WHERE rating IS NOT NULL`)).toBeGreaterThan(0);
    expect(await count(t, `SELECT count(*) AS n FROM csat_response WHERE rating IS NULL`)).toBeGreaterThan(0);
  });

  it('keeps the product’s invariants', async () => {
    // Messages belong to their conversation's channel, whose team holds the conversation.
    expect(await count(t, `SELECT count(*) AS n FROM message m JOIN conversation c ON c.id = m.conversation_id JOIN channel ch ON ch.id = c.channel_id WHERE m.channel_id <> c.channel_id OR ch.team_id <> c.team_id`)).toBe(0);
    // Outbound messages are priced from the channel and have segments; failed ones carry the provider's code and reason.
    expect(await count(t, `SELECT count(*) AS n FROM message m JOIN channel ch ON ch.id = m.channel_id WHERE m.direction = 'outbound' AND (m.segments < 1 OR m.estimated_cost IS NULL OR m.estimated_cost <> round(m.segments * ch.price_per_segment, 5) OR m.provider_message_id IS NULL)`)).toBe(0);
    expect(await count(t, `SELECT count(*) AS n FROM message WHERE status IN ('failed', 'undelivered') AND (error_code IS NULL OR error_reason IS NULL OR error_category IS NULL)`)).toBe(0);
    expect(await count(t, `SELECT count(*) AS n FROM message WHERE status IN ('queued', 'sending', 'scheduled')`)).toBe(0);
    // Every conversation is resolved, waits for nobody, and its last message is its last_message_at.
    expect(await count(t, `SELECT count(*) AS n FROM conversation WHERE status <> 'resolved' OR waiting_since IS NOT NULL OR resolved_at IS NULL OR sla_due_at IS NOT NULL`)).toBe(0);
    expect(await count(t, `SELECT count(*) AS n FROM conversation c WHERE last_message_at <> (SELECT max(sent_at) FROM message m WHERE m.conversation_id = c.id)`)).toBe(0);
    // Resolved after every message but the survey and the customer's answer to it.
    expect(
      await count(
        t,
        `SELECT count(*) AS n FROM conversation c WHERE c.resolved_at < (SELECT max(m.sent_at) FROM message m WHERE m.conversation_id = c.id AND m.kind <> 'survey' AND NOT EXISTS (SELECT 1 FROM csat_response r WHERE r.response_message_id = m.id))`,
      ),
    ).toBe(0);
    // A conversation an agent answered is assigned to someone in its team, with the assignment on record.
    expect(await count(t, `SELECT count(*) AS n FROM message m JOIN conversation c ON c.id = m.conversation_id WHERE m.kind = 'agent' AND (c.assignee_id IS NULL OR NOT EXISTS (SELECT 1 FROM team_member tm WHERE tm.team_id = c.team_id AND tm.user_id = m.author_id))`)).toBe(0);
    expect(await count(t, `SELECT count(*) AS n FROM conversation c WHERE c.assignee_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM conversation_assignment a WHERE a.conversation_id = c.id AND a.assignee_id = c.assignee_id)`)).toBe(0);
    // Breaches are due before they are recorded, and only surveyed conversations had a person in them.
    expect(await count(t, `SELECT count(*) AS n FROM sla_breach WHERE breached_at < due_at`)).toBe(0);
    expect(await count(t, `SELECT count(*) AS n FROM csat_response r WHERE NOT EXISTS (SELECT 1 FROM message m WHERE m.conversation_id = r.conversation_id AND m.kind = 'agent')`)).toBe(0);
    // The consent state is the ledger's latest word.
    expect(
      await count(t, `SELECT count(*) AS n FROM consent s WHERE s.opted_out <> ((SELECT e.action FROM consent_event e WHERE e.contact_id = s.contact_id AND e.channel_id = s.channel_id ORDER BY e.created_at DESC, e.id DESC LIMIT 1) = 'opt_out')`),
    ).toBe(0);
  });

  it('adds nothing when run again', async () => {
    const before = await count(t, `SELECT count(*) AS n FROM message`);
    expect(await generateDemoHistory(t.dataSource, { now: NOW })).toEqual({ created: 0, skipped: 'the demo channels already have history' });
    expect(await generateDemoHistory(t.dataSource)).toEqual({ created: 0, skipped: 'the demo channels already have history' });
    expect(await count(t, `SELECT count(*) AS n FROM message`)).toBe(before);
  });
});
