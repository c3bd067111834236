/**
 * Preloaded (`node -r @swc-node/register -r ./tools/bench/memory-probe.ts …`) into the API and worker by bench:soak
 * only: every MEMORY_PROBE_MS it writes one line `MEMPROBE {json}` to stdout with the process's own view of its memory
 * (V8 heap, external and array buffers, which /proc cannot tell apart from the rest of the RSS) and its open handles
 * by kind (a leak of sockets or timers shows there), and the heap left after the last full collection. Nothing is added to the product: no route, no listener.
 */
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';

const intervalMs = Number(process.env.MEMORY_PROBE_MS ?? 5000);

/**
 * The heap just after the latest mark-compact: what is still reachable. A sampled heapUsed swings with the
 * allocation between collections (a busy worker's by 300 MB); this floor only rises when something is retained.
 */
let heapAfterMajorGc: number | null = null;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if ((entry as unknown as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) heapAfterMajorGc = getHeapStatistics().used_heap_size;
  }
}).observe({ entryTypes: ['gc'] });

function report(): void {
  const memory = process.memoryUsage();
  // V8's own view: pages it holds (all spaces, code included) and what it malloc()s for itself outside the pages.
  const v8 = getHeapStatistics();
  const handles: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) handles[kind] = (handles[kind] ?? 0) + 1;
  process.stdout.write(
    `MEMPROBE ${JSON.stringify({ at: Date.now(), rss: memory.rss, heapUsed: memory.heapUsed, heapTotal: memory.heapTotal, external: memory.external, arrayBuffers: memory.arrayBuffers, v8Physical: v8.total_physical_size, v8Malloced: v8.malloced_memory, heapAfterMajorGc, handles })}\n`,
  );
}

setInterval(report, intervalMs).unref();
