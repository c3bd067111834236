import { expectOneRunAtATime, HeldDependencies } from '@backtalk/testing';
import { RoutingProcessor } from './routing.processor';

describe('the routing sweep job', () => {
  it('skips a run while its previous run is still going, and runs again once that one has ended', async () => {
    const held = new HeldDependencies();
    const processor = new RoutingProcessor(held.stand, held.stand, held.stand, held.stand, held.stand, held.stand, held.stand, held.stand, held.stand);
    await expectOneRunAtATime(() => processor.sweepJob(), held);
  });
});
