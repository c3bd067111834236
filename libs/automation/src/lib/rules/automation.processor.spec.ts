import { HeldDependencies, runWhileRunningAndAfter } from '@backtalk/testing';
import { AutomationProcessor } from './automation.processor';

describe('the automation sweep job', () => {
  it('skips a run while its previous run is still going, and runs again once that one has ended', async () => {
    const held = new HeldDependencies();
    const processor = new AutomationProcessor(held.stand, held.stand, held.stand, held.stand);
    const runs = await runWhileRunningAndAfter(() => processor.sweep(), held);
    expect(runs.whileRunning).toBe('skipped');
    expect(runs.afterwards).not.toBe('skipped');
  });
});
