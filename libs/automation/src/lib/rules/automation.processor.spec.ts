import { expectOneRunAtATime, HeldDependencies } from '@backtalk/testing';
import { AutomationProcessor } from './automation.processor';

describe('the automation sweep job', () => {
  it('skips a run while its previous run is still going, and runs again once that one has ended', async () => {
    const held = new HeldDependencies();
    const processor = new AutomationProcessor(held.stand, held.stand, held.stand, held.stand);
    await expectOneRunAtATime(() => processor.sweep(), held);
  });
});
