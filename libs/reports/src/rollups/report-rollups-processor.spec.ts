import { HeldDependencies, runWhileRunningAndAfter } from '@backtalk/testing';
import { ReportRollupsProcessor } from './reports-worker.module';

describe('the report refresh jobs', () => {
  it.each([
    ['measuring report facts', (processor: ReportRollupsProcessor) => processor.measureFacts()],
    ['refreshing the hourly rollups', (processor: ReportRollupsProcessor) => processor.handle()],
  ])('skip a run of %s while its previous run is still going, and run again once that one has ended', async (_job, run) => {
    const held = new HeldDependencies();
    const processor = new ReportRollupsProcessor(held.stand, held.stand, held.stand, held.stand, held.stand);
    const runs = await runWhileRunningAndAfter(() => run(processor), held);
    expect(runs.whileRunning).toBe('skipped');
    expect(runs.afterwards).not.toBe('skipped');
  });

  it('measures facts while a rollup refresh is held: each job has its own guard', async () => {
    const held = new HeldDependencies();
    const processor = new ReportRollupsProcessor(held.stand, held.stand, held.stand, held.stand, held.stand);
    const rollups = processor.handle();
    const facts = await Promise.race([processor.measureFacts(), new Promise((resolve) => setImmediate(() => resolve('still running')))]);
    expect(facts).toBe('still running');
    held.finish();
    await rollups;
  });
});
