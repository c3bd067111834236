import { answerAtOnce, expectOneRunAtATime, HeldDependencies } from '@backtalk/testing';
import { ReportRollupsProcessor } from './reports-worker.module';

describe('the report refresh jobs', () => {
  it.each([
    ['measuring report facts', (processor: ReportRollupsProcessor) => processor.measureFacts()],
    ['refreshing the hourly rollups', (processor: ReportRollupsProcessor) => processor.handle()],
  ])('skip a run of %s while its previous run is still going, and run again once that one has ended', async (_job, run) => {
    const held = new HeldDependencies();
    const processor = new ReportRollupsProcessor(held.stand, held.stand, held.stand, held.stand, held.stand);
    await expectOneRunAtATime(() => run(processor), held);
  });

  it('measures facts while a rollup refresh is held: each job has its own guard', async () => {
    const held = new HeldDependencies();
    const processor = new ReportRollupsProcessor(held.stand, held.stand, held.stand, held.stand, held.stand);
    const rollups = processor.handle();
    expect(await answerAtOnce(processor.measureFacts())).toBe('still running');
    held.finish();
    await rollups;
  });
});
