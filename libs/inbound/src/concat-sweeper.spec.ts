import { expectOneRunAtATime, HeldDependencies } from '@backtalk/testing';
import { ConcatSweeperProcessor } from './concat-sweeper';

describe('the job that stores multipart messages whose parts stopped coming', () => {
  it('skips a run while its previous run is still going, and runs again once that one has ended', async () => {
    const held = new HeldDependencies();
    const processor = new ConcatSweeperProcessor(held.stand, held.stand, held.stand, held.stand, held.stand, held.stand);
    await expectOneRunAtATime(() => processor.flush(), held);
  });
});
