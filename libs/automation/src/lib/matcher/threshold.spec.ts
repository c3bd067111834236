import { chooseThreshold } from './threshold';

describe('chooseThreshold', () => {
  it('picks the threshold that best balances right answers against out-of-scope messages sent to a human', () => {
    const choice = chooseThreshold([
      { score: 0.9, correct: true, inScope: true },
      { score: 0.8, correct: true, inScope: true },
      { score: 0.6, correct: false, inScope: true },
      { score: 0.4, correct: false, inScope: true },
      { score: 0.7, correct: false, inScope: false },
      { score: 0.3, correct: false, inScope: false },
      { score: 0.2, correct: false, inScope: false },
      { score: null, correct: false, inScope: false },
    ]);
    // At 0.8: 2 of 4 in-scope answered right, all 4 out-of-scope handed off → (0.5 + 1) / 2 = 0.75, the best.
    expect(choice).toEqual({ threshold: 0.8, inScopeAccuracy: 0.5, outOfScopeRecall: 1 });
  });

  it('answers everything it can when the validation set has no out-of-scope message', () => {
    const choice = chooseThreshold([
      { score: 0.2, correct: true, inScope: true },
      { score: 0.5, correct: false, inScope: true },
      { score: 0.9, correct: true, inScope: true },
    ]);
    expect(choice.threshold).toBe(0.2);
    expect(choice.inScopeAccuracy).toBeCloseTo(2 / 3);
  });
});
