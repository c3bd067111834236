import { rollupFitsZone } from './report-rollups';

const range = (timeZone: string, from = '2026-03-01T00:00:00Z', to = '2026-04-01T00:00:00Z') => ({ from: new Date(from), to: new Date(to), timeZone });

describe('rollupFitsZone: hourly rollup rows fall on one local day and hour only in zones offset by whole hours', () => {
  it('accepts UTC and whole-hour zones, across a daylight-saving change', () => {
    expect(rollupFitsZone(range('UTC'))).toBe(true);
    expect(rollupFitsZone(range('America/New_York'))).toBe(true);
    expect(rollupFitsZone(range('Europe/Kyiv'))).toBe(true);
  });

  it('refuses zones offset by 30 or 45 minutes, and a range over months a zone spends half an hour off', () => {
    expect(rollupFitsZone(range('Asia/Kolkata'))).toBe(false);
    expect(rollupFitsZone(range('Asia/Kathmandu'))).toBe(false);
    // Lord Howe Island is +11:00 in (southern) summer and +10:30 from April to October: whole-hour ends, half-hour middle.
    expect(rollupFitsZone(range('Australia/Lord_Howe', '2026-01-01T00:00:00Z', '2026-12-31T00:00:00Z'))).toBe(false);
    expect(rollupFitsZone(range('Australia/Lord_Howe', '2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z'))).toBe(true);
  });
});
