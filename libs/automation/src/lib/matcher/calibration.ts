/** One simulated decision: the raw confidence of the FAQ the matcher would answer with, and whether that answer was right. */
export interface CalibrationSample {
  confidence: number;
  correct: boolean;
}

/** Maps a raw confidence to a probability that the answer is right: σ(slope · confidence + intercept). */
export interface Calibration {
  slope: number;
  intercept: number;
}

export function calibratedScore(calibration: Calibration, confidence: number): number {
  return 1 / (1 + Math.exp(-(calibration.slope * confidence + calibration.intercept)));
}

/**
 * Fits the calibration by weighted logistic regression (Newton's method). A weak Gaussian prior keeps it near `prior`
 * when the samples are few or perfectly separable, where plain maximum likelihood runs off to an infinite slope.
 */
export function fitCalibration(samples: CalibrationSample[], prior: Calibration, priorWeight = 1): Calibration {
  const positives = samples.filter((sample) => sample.correct).length;
  if (positives === 0 || positives === samples.length) return prior;
  let { slope, intercept } = prior;
  for (let iteration = 0; iteration < 50; iteration++) {
    // Gradient and Hessian of the negative log-likelihood plus the prior.
    let gradientSlope = priorWeight * (slope - prior.slope);
    let gradientIntercept = priorWeight * (intercept - prior.intercept);
    let hessianSS = priorWeight;
    let hessianSI = 0;
    let hessianII = priorWeight;
    for (const { confidence, correct } of samples) {
      const probability = 1 / (1 + Math.exp(-(slope * confidence + intercept)));
      const error = probability - (correct ? 1 : 0);
      const curvature = Math.max(probability * (1 - probability), 1e-9);
      gradientSlope += error * confidence;
      gradientIntercept += error;
      hessianSS += curvature * confidence * confidence;
      hessianSI += curvature * confidence;
      hessianII += curvature;
    }
    const determinant = hessianSS * hessianII - hessianSI * hessianSI;
    if (!(determinant > 0)) break;
    const stepSlope = (hessianII * gradientSlope - hessianSI * gradientIntercept) / determinant;
    const stepIntercept = (hessianSS * gradientIntercept - hessianSI * gradientSlope) / determinant;
    slope -= stepSlope;
    intercept -= stepIntercept;
    if (Math.abs(stepSlope) + Math.abs(stepIntercept) < 1e-9) break;
  }
  return { slope, intercept };
}
