/**
 * The bulk history behind `npm run bench:reports`: contacts, conversations, messages and everything reports read
 * (assignments, SLA breaches, automation runs, consent ledger, activity lines, CSAT answers when that table exists),
 * written set-wise with INSERT … SELECT over generate_series so a million messages take seconds, not hours.
 *
 * Rows get deterministic ids (`bench_id(kind, n, k)`) so later statements can refer to earlier rows by arithmetic
 * instead of joins, and per-row "randomness" comes from a hash of those numbers, so a conversation's computed times
 * (first reply, last message, resolution) agree with the message rows written in a separate statement.
 */
import type { Client } from 'pg';

export interface SeedSetup {
  teamIds: string[];
  /** Ten channels, two per team in team order. */
  channelIds: string[];
  pricePerSegment: number[];
  /** Ten agents per team, in team order (index team * 10 + k). */
  agentIds: string[];
}

export interface SeedOptions {
  contacts: number;
  days: number;
  now: Date;
}

export interface SeedCounts {
  contacts: number;
  conversations: number;
  messages: number;
  [table: string]: number;
}

/** Twilio error codes with the plain-language reason and category the carrier adapter maps them to. */
const FAILURES: Array<[string, string, string]> = [
  ['30003', "The customer's phone is switched off or out of coverage; try again later.", 'unreachable'],
  ['30005', 'The number does not exist or is no longer in service.', 'invalid_number'],
  ['30006', 'The number is a landline or its carrier cannot receive SMS.', 'landline'],
  ['30007', "The recipient's carrier filtered the message as spam; rewording or registering the sender may help.", 'carrier_filtered'],
  ['30008', 'The carrier reported an unknown delivery error; retrying may work.', 'unknown'],
  ['30004', 'The message was blocked: the recipient or their carrier blocks texts from this number.', 'blocked'],
];

const HELD_KINDS = ['asked_for_person', 'no_faq_match', 'answered_auto_reply'];

const SQL_LIST = (values: string[]) => `ARRAY[${values.map((value) => `'${value.replace(/'/g, "''")}'`).join(', ')}]`;

/**
 * The per-conversation plan every later statement reads. `h(j, i)` is a stable pseudo-random fraction in [0, 1).
 * Times: inbound message i of a conversation at first_in + i × gap; its reply delay(i) later (3 s for an auto-reply).
 */
const PLAN = `
CREATE TEMP TABLE bench_conv AS
WITH contacts AS (
  SELECT g AS contact_no, 1 + floor(10 * power(random(), 1.3))::int AS ch, floor(random() * $2)::int AS d1, floor(random() * $2)::int AS d2
  FROM generate_series(1, $1::int) g
), convs AS (
  SELECT (contact_no - 1) * 2 + pair + 1 AS j, contact_no, ch, CASE WHEN pair = 0 THEN least(d1, d2) ELSE greatest(d1, d2) END AS day
  FROM contacts CROSS JOIN generate_series(0, 1) pair
), timed AS (
  SELECT j, contact_no, ch, (ch + 1) / 2 AS team,
         -- Busy around midday, quiet at night: the mean of three uniforms over 24 hours.
         least($3::timestamptz - interval '1 minute', $3::timestamptz - ($2 - day) * interval '1 day' + ((random() + random() + random()) / 3) * interval '24 hours' - interval '12 hours') AS created_at,
         random() < 0.25 AS notif,
         1 + floor(random() * 4)::int AS pairs,
         (5 + 235 * power(random(), 2)) * interval '1 minute' AS gap,
         random() < 0.2 AS auto,
         random() AS r
  FROM convs
)
SELECT t.*,
       pg_temp.bench_id(2, j, 0) AS id,
       pg_temp.bench_id(1, contact_no, 0) AS contact_id,
       t.created_at + CASE WHEN notif THEN (5 + 55 * r) * interval '1 minute' ELSE interval '0' END AS first_in,
       -- Deflected: answered by automation once and never written again; nobody takes it.
       (auto AND pairs = 1) AS deflected,
       (r * 1000)::int % 100 = 7 AND pairs > 1 AS optout,
       1 + floor(r * 977)::int % 10 AS agent_no,
       (r * 1000)::int % 5 AS faq_no
FROM timed t`;

/** Reply delays spread exponentially from 30 s to about 2 h (median about 6 min), never past the customer's next message. */
const DELAY = (j: string, i: string, auto: string, gap: string) =>
  `(CASE WHEN ${auto} AND ${i} = 0 THEN interval '3 seconds' ELSE least(${gap} * 0.9, interval '30 seconds' * exp(5.2 * pg_temp.h(${j}, ${i}))) END)`;

export async function seedReports(client: Client, setup: SeedSetup, options: SeedOptions, log: (line: string) => void): Promise<SeedCounts> {
  const now = options.now.toISOString();
  const step = async (label: string, sql: string, params: unknown[] = []) => {
    const started = Date.now();
    const result = await client.query(sql, params);
    log(`  ${label}: ${result.rowCount ?? 0} rows in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  };
  await client.query(`SET synchronous_commit = off`);
  await client.query(`SET maintenance_work_mem = '256MB'`);
  await client.query(`SET work_mem = '64MB'`);
  await client.query(`
    CREATE FUNCTION pg_temp.bench_id(kind int, n bigint, k bigint) RETURNS uuid LANGUAGE sql IMMUTABLE AS
    $$ SELECT (lpad(to_hex(kind), 2, '0') || lpad(to_hex(n), 6, '0') || '-0000-4000-8000-' || lpad(to_hex(k), 12, '0'))::uuid $$`);
  await client.query(`
    CREATE FUNCTION pg_temp.h(j bigint, i bigint) RETURNS double precision LANGUAGE sql IMMUTABLE AS
    $$ SELECT ((j * 7919 + i * 104729 + j * i * 31) % 1000) / 1000.0 $$`);
  await client.query(`CREATE TEMP TABLE bench_setup (n int PRIMARY KEY, team_id uuid, channel_id uuid, price numeric, agent_id uuid)`);
  await client.query(
    `INSERT INTO bench_setup SELECT n, ($1::uuid[])[(n - 1) / 10 + 1], ($2::uuid[])[least(n, 10)], ($3::numeric[])[least(n, 10)], ($4::uuid[])[n] FROM generate_series(1, 50) n`,
    [setup.teamIds, setup.channelIds, setup.pricePerSegment, setup.agentIds],
  );

  // The message table's secondary indexes (trigram search above all) are cheaper built once than kept up row by row;
  // their exact definitions are read back from the catalogue and restored below, so the schema ends as migrated.
  const { rows: indexes } = await client.query<{ name: string; definition: string }>(
    `SELECT i.indexname AS name, i.indexdef AS definition FROM pg_indexes i
     WHERE i.tablename = 'message' AND i.schemaname = 'public'
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
       AND i.indexdef NOT LIKE 'CREATE UNIQUE%'`,
  );
  for (const index of indexes) await client.query(`DROP INDEX "${index.name}"`);

  await step('plan', PLAN, [options.contacts, options.days, now]);
  await client.query(`ALTER TABLE bench_conv ADD PRIMARY KEY (j)`);
  await client.query(`
    ALTER TABLE bench_conv
      ADD COLUMN last_in timestamptz, ADD COLUMN last_out timestamptz, ADD COLUMN resolve_at timestamptz,
      ADD COLUMN team_id uuid, ADD COLUMN channel_id uuid, ADD COLUMN price numeric, ADD COLUMN assignee_id uuid, ADD COLUMN human boolean`);
  await client.query(
    `UPDATE bench_conv c SET
       last_in = first_in + (pairs - 1) * gap,
       last_out = first_in + (pairs - 1) * gap + ${DELAY('c.j', 'c.pairs - 1', 'c.auto', 'c.gap')},
       resolve_at = first_in + (pairs - 1) * gap + ${DELAY('c.j', 'c.pairs - 1', 'c.auto', 'c.gap')} + (5 + 115 * r) * interval '1 minute',
       team_id = (SELECT team_id FROM bench_setup WHERE n = (c.team - 1) * 10 + 1),
       channel_id = (SELECT channel_id FROM bench_setup WHERE n = c.ch),
       price = (SELECT price FROM bench_setup WHERE n = c.ch),
       assignee_id = CASE WHEN c.deflected THEN NULL ELSE (SELECT agent_id FROM bench_setup WHERE n = (c.team - 1) * 10 + c.agent_no) END,
       human = NOT c.deflected`,
  );
  // Each contact writes to one channel (both of its conversations), so the one-active-conversation rule holds:
  // only the later one can still be open.
  await client.query(`UPDATE bench_conv SET resolve_at = least(resolve_at, $1::timestamptz - interval '1 second') WHERE j % 2 = 1`, [now]);

  await step(
    'contacts',
    `INSERT INTO contact (id, phone, name, created_at, updated_at)
     SELECT pg_temp.bench_id(1, g, 0), '+1555' || lpad(g::text, 7, '0'), CASE WHEN g % 3 = 0 THEN '' ELSE 'Customer ' || g END,
            $1::timestamptz - ($2 + 1) * interval '1 day', $1::timestamptz - ($2 + 1) * interval '1 day'
     FROM generate_series(1, $3::int) g`,
    [now, options.days, options.contacts],
  );

  await step(
    'conversations',
    `INSERT INTO conversation (id, channel_id, contact_id, team_id, status, unread_count, last_message_at, last_inbound_at, waiting_since,
                               resolved_at, created_at, updated_at, assignee_id, priority, language)
     SELECT id, channel_id, contact_id, team_id,
            (CASE WHEN resolve_at <= $1 THEN 'resolved' WHEN last_out <= $1 THEN (CASE WHEN r < 0.5 THEN 'pending' ELSE 'open' END) ELSE 'open' END)::conversation_status,
            CASE WHEN resolve_at <= $1 THEN 0 ELSE 1 END,
            least(greatest(last_in, last_out), $1), CASE WHEN first_in <= $1 THEN least(last_in, $1) END,
            CASE WHEN resolve_at > $1 AND last_out > $1 AND first_in <= $1 THEN least(last_in, $1) END,
            CASE WHEN resolve_at <= $1 THEN resolve_at END,
            created_at, least(resolve_at, $1),
            assignee_id,
            (CASE WHEN j % 50 = 0 THEN 'urgent' WHEN j % 10 = 0 THEN 'high' ELSE 'normal' END)::conversation_priority,
            CASE WHEN j % 9 = 0 THEN 'uk' ELSE 'en' END
     FROM bench_conv`,
    [now],
  );

  const failures = FAILURES.map(([code]) => code);
  const reasons = FAILURES.map(([, reason]) => reason);
  const categories = FAILURES.map(([, , category]) => category);
  // k even: the customer's message i = k / 2; k odd: its reply. A reply not yet due at `now` was never sent.
  await step(
    'messages (customers and replies)',
    `INSERT INTO message (id, conversation_id, channel_id, direction, status, body, encoding, segments, provider_message_id, provider_timestamp,
                          sent_at, created_at, updated_at, kind, author_id, queued_at, estimated_cost, metadata, send_attempts, error_code, error_reason, error_category)
     SELECT pg_temp.bench_id(3, c.j, m.k), c.id, c.channel_id,
            (CASE WHEN m.k % 2 = 0 THEN 'inbound' ELSE 'outbound' END)::message_direction,
            (CASE WHEN m.k % 2 = 0 THEN 'received' WHEN m.at > $1::timestamptz - interval '1 minute' THEN 'sent'
                  WHEN m.roll < 2 THEN 'failed' WHEN m.roll < 4 THEN 'undelivered' WHEN m.roll < 6 THEN 'sent' ELSE 'delivered' END)::message_status,
            CASE WHEN m.k % 2 = 0 THEN (CASE WHEN m.stop THEN 'STOP' ELSE (${SQL_LIST(['Where is my order?', 'Hi, my parcel has not arrived yet', 'Can I get a refund?', 'I was charged twice', 'Can I talk to a person please', 'Thanks!', 'Коли буде доставка?', 'ok'])})[1 + (c.j + m.k) % 8] END)
                 WHEN m.stop THEN 'You are unsubscribed and will receive no more messages. Reply START to resubscribe.'
                 WHEN c.auto AND m.k = 1 THEN 'Your order ships within 2 business days; track it at example.com/track'
                 ELSE (${SQL_LIST(['Hi! Let me check that for you.', 'Your refund was issued today; it takes 3-5 business days to show.', 'Sorry about that, I have fixed the duplicate charge.', 'Your parcel is with the courier and arrives tomorrow.', 'Thanks for waiting - all sorted now!'])})[1 + (c.j + m.k) % 5] END,
            (CASE WHEN c.j % 9 = 0 THEN 'UCS-2' ELSE 'GSM-7' END)::sms_encoding,
            m.segments,
            CASE WHEN m.k % 2 = 0 THEN 'in-' ELSE 'out-' END || c.j || '-' || m.k,
            m.at, m.at, m.at, m.at + interval '4 seconds',
            (CASE WHEN m.k % 2 = 0 THEN 'customer' WHEN m.stop THEN 'keyword_reply' WHEN c.auto AND m.k = 1 THEN 'auto_reply' ELSE 'agent' END)::message_kind,
            CASE WHEN m.k % 2 = 1 AND NOT m.stop AND NOT (c.auto AND m.k = 1) THEN c.assignee_id END,
            CASE WHEN m.k % 2 = 1 THEN m.at END,
            CASE WHEN m.k % 2 = 1 THEN m.segments * c.price END,
            CASE WHEN c.auto AND m.k = 1 THEN jsonb_build_object('automation', 'rule', 'ruleId', r.id, 'ruleName', r.name, 'faqId', f.id,
                                                                   'confidence', (0.8 + c.r / 5)::numeric(4, 3)::text, 'inReplyTo', pg_temp.bench_id(3, c.j, 0)) END,
            CASE WHEN m.k % 2 = 1 THEN 1 ELSE 0 END,
            CASE WHEN m.k % 2 = 1 AND m.roll < 4 THEN ($2::text[])[1 + c.j % 6] END,
            CASE WHEN m.k % 2 = 1 AND m.roll < 4 THEN ($3::text[])[1 + c.j % 6] END,
            CASE WHEN m.k % 2 = 1 AND m.roll < 4 THEN ($4::text[])[1 + c.j % 6] END
     FROM bench_conv c
     LEFT JOIN automation_rule r ON r.team_id = c.team_id AND c.auto
     LEFT JOIN LATERAL (SELECT id FROM canned_answer WHERE team_id = c.team_id AND c.auto ORDER BY shortcode OFFSET c.faq_no LIMIT 1) f ON true
     CROSS JOIN LATERAL (
       SELECT k, c.first_in + (k / 2) * c.gap + CASE WHEN k % 2 = 1 THEN ${DELAY('c.j', 'k / 2', 'c.auto', 'c.gap')} ELSE interval '0' END AS at,
              (c.j * 31 + k * 17) % 100 AS roll,
              1 + (CASE WHEN (c.j + k) % 10 = 0 THEN 1 ELSE 0 END) + (CASE WHEN k % 2 = 1 AND (c.j + k) % 25 = 0 THEN 1 ELSE 0 END) AS segments,
              c.optout AND k / 2 = c.pairs - 1 AS stop
       FROM generate_series(0, c.pairs * 2 - 1) k
     ) m
     WHERE m.at <= $1`,
    [now, failures, reasons, categories],
  );
  await step(
    'messages (notifications)',
    `INSERT INTO message (id, conversation_id, channel_id, direction, status, body, encoding, segments, provider_message_id, sent_at, created_at, updated_at,
                          kind, queued_at, estimated_cost, external_reference, send_attempts)
     SELECT pg_temp.bench_id(3, j, 1000), id, channel_id, 'outbound', (CASE WHEN j % 40 = 0 THEN 'undelivered' ELSE 'delivered' END)::message_status,
            'Your order #' || j || ' is on its way. Reply to this message with any questions.', 'GSM-7', 1, 'ntf-' || j,
            created_at, created_at, created_at + interval '3 seconds', 'notification', created_at, price, 'order-' || j, 1
     FROM bench_conv WHERE notif`,
  );
  await step(
    'messages (notes)',
    `INSERT INTO message (id, conversation_id, channel_id, direction, status, body, encoding, segments, sent_at, created_at, updated_at, kind, author_id)
     SELECT pg_temp.bench_id(3, j, 1001), id, channel_id, 'internal', 'note', 'Checked the order in the shop admin.', 'GSM-7', 0,
            first_in + gap / 2, first_in + gap / 2, first_in + gap / 2, 'note', assignee_id
     FROM bench_conv WHERE human AND j % 33 = 0 AND first_in + gap / 2 <= $1`,
    [now],
  );
  await client.query(`UPDATE message SET error_code = '30003', error_reason = $1, error_category = 'unreachable' WHERE kind = 'notification' AND status = 'undelivered'`, [FAILURES[0][1]]);

  for (const index of indexes) {
    const started = Date.now();
    await client.query(index.definition);
    log(`  index ${index.name} rebuilt in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }

  // Conversations still open at `now` take their last times from the messages that exist.
  await client.query(
    `UPDATE conversation c SET last_message_at = x.last_at, last_inbound_at = x.last_in
     FROM (SELECT conversation_id, max(sent_at) AS last_at, max(sent_at) FILTER (WHERE direction = 'inbound') AS last_in FROM message
           WHERE conversation_id IN (SELECT id FROM conversation WHERE status <> 'resolved') GROUP BY conversation_id) x
     WHERE c.id = x.conversation_id`,
  );

  await step(
    'conversation_assignment',
    `INSERT INTO conversation_assignment (conversation_id, assignee_id, previous_assignee_id, team_id, previous_team_id, actor_id, reason, created_at)
     SELECT id, assignee_id, NULL, team_id, team_id, CASE WHEN j % 3 = 0 THEN NULL ELSE assignee_id END,
            (ARRAY['round_robin', 'take_next', 'reply'])[1 + j % 3], first_in + interval '20 seconds'
     FROM bench_conv WHERE assignee_id IS NOT NULL AND first_in + interval '20 seconds' <= $1`,
    [now],
  );
  await step(
    'sla_breach',
    `INSERT INTO sla_breach (conversation_id, team_id, kind, due_at, breached_at)
     SELECT c.id, c.team_id, (CASE WHEN i = 0 THEN 'first_response' ELSE 'next_response' END)::sla_kind,
            c.first_in + i * c.gap + (CASE WHEN i = 0 THEN 30 ELSE 60 END) * interval '1 minute',
            c.first_in + i * c.gap + (CASE WHEN i = 0 THEN 30 ELSE 60 END) * interval '1 minute' + interval '15 seconds'
     FROM bench_conv c CROSS JOIN generate_series(0, c.pairs - 1) i
     WHERE c.human AND NOT (c.auto AND i = 0)
       AND ${DELAY('c.j', 'i', 'c.auto', 'c.gap')} > (CASE WHEN i = 0 THEN 30 ELSE 60 END) * interval '1 minute'
       AND c.first_in + i * c.gap + (CASE WHEN i = 0 THEN 30 ELSE 60 END) * interval '1 minute' + interval '15 seconds' <= $1`,
    [now],
  );
  await step(
    'automation_run',
    `INSERT INTO automation_run (conversation_id, message_id, rule_id, trigger, outcome, created_at)
     SELECT c.id, pg_temp.bench_id(3, c.j, 0), CASE WHEN c.auto THEN r.id END,
            (CASE WHEN c.notif THEN 'inbound_message' ELSE 'first_message' END)::rule_trigger,
            CASE WHEN c.auto THEN jsonb_build_object('rules', jsonb_build_array(r.id), 'faq', jsonb_build_object('faqId', m.metadata ->> 'faqId', 'score', (m.metadata ->> 'confidence')::numeric), 'notes', jsonb_build_array(r.name || ': replied'))
                 ELSE jsonb_build_object('rules', '[]'::jsonb, 'faq', NULL, 'notes', '[]'::jsonb) END,
            c.first_in + interval '1 second'
     FROM bench_conv c
     JOIN message m0 ON m0.id = pg_temp.bench_id(3, c.j, 0)
     LEFT JOIN automation_rule r ON r.team_id = c.team_id AND c.auto
     LEFT JOIN message m ON c.auto AND m.id = pg_temp.bench_id(3, c.j, 1)`,
  );
  await step(
    'consent and ledger',
    `WITH stops AS (
       SELECT c.j, c.contact_id, c.channel_id, m.id AS message_id, m.sent_at, c.r FROM bench_conv c
       JOIN message m ON m.id = pg_temp.bench_id(3, c.j, (c.pairs - 1) * 2) WHERE c.optout
     ), ledger AS (
       INSERT INTO consent_event (contact_id, channel_id, action, source, keyword, message_id, created_at)
       SELECT contact_id, channel_id, 'opt_out'::consent_action, 'keyword', 'STOP', message_id, sent_at FROM stops
       UNION ALL
       SELECT contact_id, channel_id, 'opt_in'::consent_action, 'keyword', 'START', NULL, sent_at + interval '2 days' FROM stops WHERE r < 0.3 AND sent_at + interval '2 days' <= $1
       RETURNING contact_id
     )
     INSERT INTO consent (contact_id, channel_id, opted_out, updated_at)
     SELECT DISTINCT ON (contact_id, channel_id) contact_id, channel_id, NOT (r < 0.3 AND sent_at + interval '2 days' <= $1), sent_at FROM stops
     ON CONFLICT DO NOTHING`,
    [now],
  );
  await step(
    'conversation_activity',
    `INSERT INTO conversation_activity (conversation_id, team_id, type, actor_kind, actor_id, data, occurred_at)
     SELECT id, team_id, 'assigned', CASE WHEN j % 3 = 0 THEN 'system' ELSE 'user' END, CASE WHEN j % 3 = 0 THEN NULL ELSE assignee_id END,
            jsonb_build_object('reason', (ARRAY['round_robin', 'take_next', 'reply'])[1 + j % 3], 'fromTeamId', team_id, 'toTeamId', team_id, 'assigneeId', assignee_id),
            first_in + interval '20 seconds'
     FROM bench_conv WHERE assignee_id IS NOT NULL AND first_in + interval '20 seconds' <= $1
     UNION ALL
     SELECT id, team_id, 'resolved', CASE WHEN deflected THEN 'automation' ELSE 'user' END, assignee_id,
            CASE WHEN deflected THEN jsonb_build_object('ruleName', 'FAQ answers') ELSE '{}'::jsonb END, resolve_at
     FROM bench_conv WHERE resolve_at <= $1
     UNION ALL
     -- Every 20th longer conversation was resolved after its first reply and reopened by the customer's next message.
     SELECT id, team_id, kind, CASE WHEN kind = 'resolved' THEN 'user' ELSE 'customer' END, CASE WHEN kind = 'resolved' THEN assignee_id END, '{}'::jsonb,
            first_in + gap * (CASE WHEN kind = 'resolved' THEN 0.95 ELSE 1 END)
     FROM bench_conv CROSS JOIN unnest(ARRAY['resolved', 'reopened']) kind
     WHERE human AND pairs >= 2 AND j % 20 = 0 AND first_in + gap <= $1
     UNION ALL
     SELECT c.id, c.team_id, 'automation_held', 'automation', NULL, jsonb_build_object('hold', jsonb_build_object('kind', ($2::text[])[1 + c.j % 3])), c.first_in + interval '1 second'
     FROM bench_conv c WHERE NOT c.auto AND c.j % 7 = 0 AND c.first_in + interval '1 second' <= $1
     UNION ALL
     SELECT b.conversation_id, b.team_id, 'sla_breached', 'system', NULL, jsonb_build_object('kind', b.kind), b.breached_at FROM sla_breach b
     UNION ALL
     SELECT c.id, c.team_id, 'opted_out', 'customer', NULL, jsonb_build_object('keyword', 'STOP'), e.created_at
     FROM bench_conv c JOIN consent_event e ON e.message_id = pg_temp.bench_id(3, c.j, (c.pairs - 1) * 2) WHERE c.optout`,
    [now, HELD_KINDS],
  );
  await seedCsat(client, now, step, log);

  await client.query(`DROP TABLE bench_conv`);
  await client.query(`DROP TABLE bench_setup`);
  const started = Date.now();
  await client.query('VACUUM ANALYZE');
  log(`  vacuum analyze in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const counts: SeedCounts = { contacts: 0, conversations: 0, messages: 0 };
  for (const table of ['contact', 'conversation', 'message', 'conversation_assignment', 'sla_breach', 'automation_run', 'consent_event', 'conversation_activity']) {
    counts[table === 'contact' ? 'contacts' : table === 'conversation' ? 'conversations' : table === 'message' ? 'messages' : table] = Number((await client.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
  }
  return counts;
}

/** CSAT answers, when the survey's table exists in this schema: about a quarter of resolved human conversations surveyed, half answering. */
async function seedCsat(client: Client, now: string, step: (label: string, sql: string, params?: unknown[]) => Promise<void>, log: (line: string) => void): Promise<void> {
  const { rows } = await client.query<{ column_name: string }>(`SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'csat_response'`);
  const columns = new Set(rows.map((row) => row.column_name));
  const wanted = ['conversation_id', 'resolved_at', 'team_id', 'channel_id', 'contact_id', 'agent_id', 'rating', 'comment', 'surveyed_at', 'responded_at'];
  if (columns.size === 0) return log('  csat_response: no such table in this schema, skipped');
  if (!wanted.every((column) => columns.has(column))) return log(`  csat_response: columns differ from what the bench knows (${[...columns].join(', ')}), skipped`);
  await step(
    'csat_response',
    `INSERT INTO csat_response (conversation_id, resolved_at, team_id, channel_id, contact_id, agent_id, rating, comment, surveyed_at, responded_at)
     SELECT id, resolve_at, team_id, channel_id, contact_id, assignee_id,
            CASE WHEN r < 0.55 THEN (ARRAY[5, 5, 5, 4, 4, 3, 2, 1, 5, 4])[1 + (j % 10)] END,
            CASE WHEN r < 0.55 AND j % 6 = 0 THEN (ARRAY['Quick and helpful, thanks', 'Took too long', 'дякую!', 'Great service'])[1 + j % 4] END,
            resolve_at + interval '1 hour', CASE WHEN r < 0.55 THEN resolve_at + interval '1 hour' + r * interval '2 hours' END
     FROM bench_conv WHERE human AND j % 4 = 0 AND resolve_at + interval '4 hours' <= $1`,
    [now],
  );
}
