import { parseArgs } from 'node:util';
import { loadConfig, withMigrationDataSource } from '@backtalk/platform';
import { seedDemoConversations } from './demo-conversations';
import { startBanner } from './demo-data';
import { DEMO_HISTORY_DAYS, generateDemoHistory } from './demo-history';

// `npm run demo:conversations`: once the API, the worker and the carrier simulator run, the demo customers text in
// (first launch only). `npm start` adds --banner to print where everything is and the demo sign-ins afterwards, and
// --history to write a month of past conversations for the reports, after the first ones (which only come into
// channels without any conversation).

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'api-url': { type: 'string', default: process.env['API_URL'] ?? 'http://127.0.0.1:3000' },
      'sim-url': { type: 'string', default: process.env['SIM_URL'] ?? 'http://127.0.0.1:4010' },
      banner: { type: 'boolean', default: false },
      history: { type: 'boolean', default: false },
      'console-url': { type: 'string', default: 'http://127.0.0.1:4173' },
    },
  });
  const apiUrl = values['api-url'].replace(/\/+$/, '');
  const simUrl = values['sim-url'].replace(/\/+$/, '');
  const notes: string[] = [];
  try {
    const result = await seedDemoConversations({ apiUrl, simUrl });
    if (result.created > 0) notes.push(`${result.created} demo customers have texted in: see the inbox (one conversation is under Resolved).`);
  } catch (error) {
    // The demo still works without its first conversations; say why they are missing instead of stopping it.
    notes.push(`The demo conversations could not be created: ${(error as Error).message}`);
    process.exitCode = values.banner ? 0 : 1;
  }
  if (values.history) {
    try {
      const history = await withMigrationDataSource(loadConfig(process.env), (dataSource) => generateDemoHistory(dataSource));
      if (history.created > 0) notes.push(`${history.created} past conversations of the last ${DEMO_HISTORY_DAYS} days fill the Reports.`);
    } catch (error) {
      notes.push(`The demo history could not be written: ${(error as Error).message}`);
    }
  }
  if (values.banner) process.stdout.write(`${startBanner({ console: values['console-url'], api: apiUrl, simulator: simUrl }, notes)}\n`);
  else for (const note of notes) process.stdout.write(`${note}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
