/**
 * npm run bench:faq — the FAQ-matching protocol of ../shared/bench-data/faq/README.md, run through the product's
 * matcher (@backtalk/automation). Every intent of a data set plays one FAQ configured with its first K pool examples;
 * test messages play inbound SMS, matched one at a time. Where a data set has valid.jsonl, the auto-answer threshold
 * is chosen on it and frozen for test. `--data <dir>` runs one other data set in the same format.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { buildFaqIndex, chooseThreshold, type FaqDefinition, type FaqIndex, loadUseLiteEncoder, type SentenceEncoder, type ThresholdSample } from '@backtalk/automation';
import { percentile, ROOT } from './bench-support';

const { values: options } = parseArgs({
  options: {
    /** A folder with pool.jsonl, test.jsonl and optionally valid.jsonl. */
    data: { type: 'string' },
    /** Examples per FAQ to run with, comma-separated. */
    k: { type: 'string', default: '5,10' },
  },
});
const DEFAULT_DATA_ROOT = join(ROOT, '../shared/bench-data/faq');
const KS = options.k!.split(',').map(Number);

interface Line {
  text: string;
  intent: string | null;
}

interface Row {
  dataSet: string;
  k: number;
  faqs: number;
  top1: number;
  threshold: number | null;
  inAtThreshold: number | null;
  oosRecall: number | null;
  oosPrecision: number | null;
  answerPrecision: number | null;
  p50: number;
  p99: number;
  buildMs: number;
}

function readLines(file: string): Line[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Line);
}

/** The protocol's FAQ library: intents in order of first appearance, each with its first K pool lines. */
function faqLibrary(pool: Line[], k: number): FaqDefinition[] {
  const faqs = new Map<string, FaqDefinition>();
  for (const line of pool) {
    if (line.intent === null) continue;
    let faq = faqs.get(line.intent);
    if (!faq) faqs.set(line.intent, (faq = { id: line.intent, examples: [] }));
    if (faq.examples.length < k) faq.examples.push(line.text);
  }
  return [...faqs.values()];
}

interface Decision {
  inScope: boolean;
  correct: boolean;
  score: number | null;
}

async function decide(index: FaqIndex, lines: Line[], latencies?: number[]): Promise<Decision[]> {
  const decisions: Decision[] = [];
  for (const line of lines) {
    const started = performance.now();
    const [best] = await index.match(line.text, { limit: 1 });
    latencies?.push(performance.now() - started);
    decisions.push({ inScope: line.intent !== null, correct: best !== undefined && best.faqId === line.intent, score: best?.score ?? null });
  }
  return decisions;
}

async function run(dataSet: string, folder: string, k: number, encoder: SentenceEncoder): Promise<Row> {
  const faqs = faqLibrary(readLines(join(folder, 'pool.jsonl')), k);
  const buildStarted = performance.now();
  const index = await buildFaqIndex(faqs, { encoder });
  const buildMs = performance.now() - buildStarted;

  const validFile = join(folder, 'valid.jsonl');
  const threshold = existsSync(validFile) ? chooseThreshold((await decide(index, readLines(validFile))) as ThresholdSample[]).threshold : null;

  const latencies: number[] = [];
  const decisions = await decide(index, readLines(join(folder, 'test.jsonl')), latencies);
  latencies.sort((a, b) => a - b);
  const inScope = decisions.filter((decision) => decision.inScope);
  const outOfScope = decisions.filter((decision) => !decision.inScope);
  const share = (count: number, total: number) => (total === 0 ? null : count / total);
  const row: Row = {
    dataSet,
    k,
    faqs: faqs.length,
    top1: share(inScope.filter((decision) => decision.correct).length, inScope.length) ?? 0,
    threshold,
    inAtThreshold: null,
    oosRecall: null,
    oosPrecision: null,
    answerPrecision: null,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    buildMs,
  };
  if (threshold !== null) {
    const answered = (decision: Decision) => decision.score !== null && decision.score >= threshold;
    const handedOff = decisions.filter((decision) => !answered(decision));
    row.inAtThreshold = share(inScope.filter((decision) => decision.correct && answered(decision)).length, inScope.length);
    row.oosRecall = share(outOfScope.filter((decision) => !answered(decision)).length, outOfScope.length);
    row.oosPrecision = share(handedOff.filter((decision) => !decision.inScope).length, handedOff.length);
    row.answerPrecision = share(decisions.filter((decision) => answered(decision) && decision.correct).length, decisions.length - handedOff.length);
  }
  return row;
}

const percent = (value: number | null) => (value === null ? '-' : (100 * value).toFixed(1));

function printTable(rows: Row[], encoder: SentenceEncoder): void {
  process.stdout.write(`\nbench:faq  first K examples per FAQ; encoder ${encoder.name}; threshold chosen on valid.jsonl where present\n`);
  const header = ['data set', 'K', 'FAQs', 'top-1 %', 'tau', 'in@tau %', 'OOS rec %', 'OOS prec %', 'ans prec %', 'p50 ms', 'p99 ms', 'build s'];
  const widths = [14, 3, 5, 8, 6, 9, 10, 11, 11, 7, 7, 8];
  const format = (cells: string[]) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join(' ') + '\n';
  process.stdout.write(format(header));
  for (const row of rows) {
    process.stdout.write(
      format([
        row.dataSet,
        String(row.k),
        String(row.faqs),
        percent(row.top1),
        row.threshold === null ? '-' : row.threshold.toFixed(3),
        percent(row.inAtThreshold),
        percent(row.oosRecall),
        percent(row.oosPrecision),
        percent(row.answerPrecision),
        row.p50.toFixed(1),
        row.p99.toFixed(1),
        (row.buildMs / 1000).toFixed(1),
      ]),
    );
  }
}

function dataSetFolders(root: string): Array<[name: string, folder: string]> {
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(root, entry.name, 'pool.jsonl')) && existsSync(join(root, entry.name, 'test.jsonl')))
    .map((entry) => [entry.name, join(root, entry.name)] as [string, string])
    .sort(([a], [b]) => a.localeCompare(b));
}

async function main(): Promise<void> {
  const encoder = await loadUseLiteEncoder();
  const folders: Array<[string, string]> = options.data ? [[basename(resolve(options.data)), resolve(options.data)]] : dataSetFolders(DEFAULT_DATA_ROOT);
  if (folders.length === 0) throw new Error(`no data sets (folders with pool.jsonl and test.jsonl) in ${options.data ?? DEFAULT_DATA_ROOT}`);
  const rows: Row[] = [];
  for (const [name, folder] of folders) {
    for (const k of KS) {
      process.stderr.write(`bench:faq  ${name} K=${k} …\n`);
      rows.push(await run(name, folder, k, encoder));
    }
  }
  printTable(rows, encoder);
  const find = (dataSet: string, k: number) => rows.find((row) => row.dataSet === dataSet && row.k === k);
  if (options.data) {
    const [[name]] = folders;
    process.stdout.write(
      `RESULT faq-data top1_k5=${percent(find(name, 5)?.top1 ?? null)} top1_k10=${percent(find(name, 10)?.top1 ?? null)} in_at_tau_k10=${percent(find(name, 10)?.inAtThreshold ?? null)} oos_recall_k10=${percent(find(name, 10)?.oosRecall ?? null)}\n`,
    );
  } else {
    const clinc = find('clinc150', 10);
    const p99 = Math.max(...rows.map((row) => row.p99));
    process.stdout.write(
      `RESULT faq b77_k10=${percent(find('banking77', 10)?.top1 ?? null)} clinc_k10=${percent(clinc?.top1 ?? null)} clinc_in_at_tau=${percent(clinc?.inAtThreshold ?? null)} clinc_oos_recall=${percent(clinc?.oosRecall ?? null)} p99_ms=${p99.toFixed(1)}\n`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
