import { expectOneRunAtATime, HeldDependencies } from '@backtalk/testing';
import { Registry } from 'prom-client';
import { RetentionProcessor } from './retention.processor';

describe('the retention job', () => {
  it('skips a run while its previous run is still going, and runs again once that one has ended', async () => {
    const held = new HeldDependencies();
    const processor = new RetentionProcessor(held.stand, held.stand, held.stand, held.stand, { registry: new Registry() } as never);
    await expectOneRunAtATime(() => processor.handle(), held);
  });
});
