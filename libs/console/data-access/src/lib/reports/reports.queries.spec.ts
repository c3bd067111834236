import { keepSameReport, reportsQueryKeys } from './reports.queries';

describe('keepSameReport', () => {
  const range = { from: '2026-12-01T00:00:00.000Z', to: '2026-12-08T00:00:00.000Z' };
  const overview = { metrics: {} };

  it('keeps the previous answer of the same report on screen while a new range loads', () => {
    const previousQuery = { queryKey: reportsQueryKeys.report('overview', range) };
    expect(keepSameReport('overview')(overview, previousQuery)).toBe(overview);
  });

  it('never shows one report’s answer as another’s, whose shape differs', () => {
    const previousQuery = { queryKey: reportsQueryKeys.report('overview', range) };
    expect(keepSameReport('conversations')(overview, previousQuery)).toBeUndefined();
  });
});
