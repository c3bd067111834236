import { expectOneRunAtATime, HeldDependencies } from '@backtalk/testing';
import { CsatProcessor } from './csat.processor';

describe('the survey sweep job', () => {
  it('skips a run while its previous run is still going, and runs again once that one has ended', async () => {
    const held = new HeldDependencies();
    const processor = new CsatProcessor(held.stand, held.stand, held.stand, held.stand);
    await expectOneRunAtATime(() => processor.sweep(), held);
  });
});
