import { calibratedScore, fitCalibration } from './calibration';

describe('fitCalibration', () => {
  it('fits a rising curve that crosses one half where right and wrong answers are equally likely', () => {
    const samples = Array.from({ length: 200 }, (_, index) => {
      const confidence = index / 200;
      return { confidence, correct: (index * 7919) % 200 < index };
    });
    const calibration = fitCalibration(samples, { slope: 1, intercept: 0 });
    expect(calibration.slope).toBeGreaterThan(3);
    expect(calibratedScore(calibration, 0.5)).toBeCloseTo(0.5, 1);
    expect(calibratedScore(calibration, 0.9)).toBeGreaterThan(0.8);
  });

  it('keeps the prior when every sample says the same', () => {
    const prior = { slope: 12, intercept: -5 };
    expect(fitCalibration([{ confidence: 0.3, correct: true }, { confidence: 0.8, correct: true }], prior)).toEqual(prior);
  });
});
