import { expectOneRunAtATime, HeldDependencies } from '@backtalk/testing';
import { OutboundProcessor } from './outbound.processor';

describe('the outbox sweep job', () => {
  it('skips a run while its previous run is still going, and runs again once that one has ended', async () => {
    const held = new HeldDependencies();
    const processor = new OutboundProcessor(held.stand, held.stand, held.stand, held.stand, held.stand, held.stand);
    await expectOneRunAtATime(() => processor.sweep(), held);
  });
});
