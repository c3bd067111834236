/**
 * npm run bench:inbox-reducers — the console's inbox state at 10,000 and 20,000 loaded conversations: paging through
 * all of them, applying 500 live updates one by one, and applying a 2,000-event replay after a reconnect as one batch.
 * Each is timed at both sizes (median of --reps runs); the ratio shows how the cost grows with the list: about 2 when
 * it is linear, about 4 when something became quadratic. The RESULT line reports the 10,000-conversation times.
 *
 *   --reps N   runs per case and size (5)
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { ConversationStatus, type RealtimeEvent } from '@backtalk/contracts';
import { DEFAULT_FILTER, type InboxFilter, listKey } from '../../libs/console/data-access/src/lib/inbox/inbox-filter';
import { agentViewer, conversation, SUPPORT } from '../../libs/console/data-access/src/lib/inbox/inbox.fixtures';
import { conversationUpserted, type InboxState, initialInboxState, listPageLoaded, realtimeEventsApplied } from '../../libs/console/data-access/src/lib/inbox/inbox.reducers';
import { percentile } from './bench-support';

const { values: options } = parseArgs({ options: { reps: { type: 'string', default: '5' } } });
const REPS = Number(options.reps);
const PAGE = 50;
const all: InboxFilter = { ...DEFAULT_FILTER, view: 'all' };
const iso = (n: number) => new Date(Date.UTC(2025, 0, 1) + n * 1_000).toISOString();
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function loadEverything(total: number): InboxState {
  let state = initialInboxState;
  for (let page = 0; page < total / PAGE; page++) {
    const items = Array.from({ length: PAGE }, (_, i) => {
      const n = total - (page * PAGE + i);
      return conversation(id(n), { lastMessageAt: iso(n), updatedAt: iso(n) });
    });
    state = listPageLoaded(state, all, { items, nextCursor: page < total / PAGE - 1 ? `p${page + 1}` : null }, page === 0);
  }
  return state;
}

function liveUpdates(total: number): () => void {
  const loaded = loadEverything(total);
  return () => {
    let state = loaded;
    for (let i = 0; i < 500; i++) {
      const n = 1 + ((i * 37) % total);
      state = conversationUpserted(state, conversation(id(n), { lastMessageAt: iso(total + i + 1), updatedAt: iso(total + i + 1) }), agentViewer);
    }
    if (state.lists[listKey(all)].ids.length !== total) throw new Error('live updates lost conversations');
  };
}

function replay(total: number): () => void {
  const loaded = loadEverything(total);
  const events = Array.from({ length: 2_000 }, (_, i): RealtimeEvent => {
    const n = 1 + ((i * 7) % total);
    const at = iso(total + i + 1);
    return {
      seq: i + 1,
      type: 'conversation.updated',
      teamId: SUPPORT,
      conversationId: id(n),
      payload: { conversationId: id(n), status: ConversationStatus.Open, previousStatus: ConversationStatus.Open, reason: 'message' },
      createdAt: at,
      conversation: conversation(id(n), { lastMessageAt: at, updatedAt: at }),
    };
  });
  return () => {
    if (realtimeEventsApplied(loaded, events, agentViewer).lists[listKey(all)].ids.length !== total) throw new Error('the replay lost conversations');
  };
}

function median(run: () => void): number {
  const samples: number[] = [];
  for (let rep = 0; rep < REPS; rep++) {
    const started = performance.now();
    run();
    samples.push(performance.now() - started);
  }
  return percentile(samples.sort((a, b) => a - b), 50);
}

const cases: Array<{ name: string; at: (total: number) => () => void }> = [
  { name: 'page through everything', at: (total) => () => loadEverything(total) },
  { name: '500 live updates', at: liveUpdates },
  { name: 'replay of 2,000 events', at: replay },
];
const results: Record<string, number> = {};
process.stdout.write(`${'case'.padEnd(26)}${'10k ms'.padStart(10)}${'20k ms'.padStart(10)}${'ratio'.padStart(8)}\n`);
for (const entry of cases) {
  const small = median(entry.at(10_000));
  const large = median(entry.at(20_000));
  results[entry.name] = small;
  process.stdout.write(`${entry.name.padEnd(26)}${small.toFixed(0).padStart(10)}${large.toFixed(0).padStart(10)}${(large / small).toFixed(1).padStart(8)}\n`);
}
process.stdout.write(
  `RESULT inbox-reducers page_all_10k_ms=${results['page through everything'].toFixed(0)} live_update_ms=${(results['500 live updates'] / 500).toFixed(2)} replay_2000_ms=${results['replay of 2,000 events'].toFixed(0)}\n`,
);
