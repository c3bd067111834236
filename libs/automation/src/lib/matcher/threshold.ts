/** The matcher's best answer to one validation message and what it should have been. */
export interface ThresholdSample {
  /** Score of the best FAQ; absent when the matcher found none. */
  score: number | null;
  /** Whether the best FAQ is the right one (always false for an out-of-scope message). */
  correct: boolean;
  /** Whether some FAQ answers the message at all. */
  inScope: boolean;
}

export interface ThresholdChoice {
  threshold: number;
  /** Share of in-scope messages answered, and answered right, at this threshold. */
  inScopeAccuracy: number;
  /** Share of out-of-scope messages sent to a human at this threshold. */
  outOfScopeRecall: number;
}

/**
 * The threshold to auto-answer at: a message is answered when its best score is at least the threshold. Chosen as
 * the value maximising (in-scope accuracy + out-of-scope recall) / 2, so that a wrong answer and a needless hand-off
 * weigh alike whatever the mix of the sample; among equally good thresholds the lowest, which answers most.
 */
export function chooseThreshold(samples: ThresholdSample[]): ThresholdChoice {
  const inScope = samples.filter((sample) => sample.inScope);
  const outOfScope = samples.filter((sample) => !sample.inScope);
  const candidates = [...new Set(samples.flatMap((sample) => (sample.score === null ? [] : [sample.score])))].sort((a, b) => a - b);
  candidates.push(Number.POSITIVE_INFINITY);
  const share = (count: number, total: number) => (total === 0 ? 0 : count / total);
  let best: ThresholdChoice | null = null;
  let bestObjective = -1;
  for (const threshold of candidates) {
    const answered = (sample: ThresholdSample) => sample.score !== null && sample.score >= threshold;
    const inScopeAccuracy = share(inScope.filter((sample) => sample.correct && answered(sample)).length, inScope.length);
    const outOfScopeRecall = share(outOfScope.filter((sample) => !answered(sample)).length, outOfScope.length);
    const objective = outOfScope.length === 0 ? inScopeAccuracy : inScope.length === 0 ? outOfScopeRecall : (inScopeAccuracy + outOfScopeRecall) / 2;
    if (objective > bestObjective) {
      bestObjective = objective;
      best = { threshold, inScopeAccuracy, outOfScopeRecall };
    }
  }
  return best!;
}
