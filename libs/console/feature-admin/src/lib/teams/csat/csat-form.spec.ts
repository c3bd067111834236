import type { CsatSurveySettingsView } from '@backtalk/contracts';
import { csatFormFrom, smsCostHint, toUpdateCsatRequest, validateCsatForm } from './csat-form';

const VIEW: CsatSurveySettingsView = {
  teamId: 't1',
  enabled: false,
  message: 'How did we do? Reply 1 (bad) to 5 (great).',
  thankYou: null,
  delayMinutes: 30,
  minDaysBetween: 30,
  reopenOnLowScore: false,
  lowScoreThreshold: 2,
};

describe('the survey settings form', () => {
  it('sends only what changed, with an emptied thank-you as none', () => {
    const values = { ...csatFormFrom({ ...VIEW, thankYou: 'Thanks!' }), enabled: true, delayMinutes: ' 60 ', thankYou: '  ' };
    expect(toUpdateCsatRequest({ ...VIEW, thankYou: 'Thanks!' }, values)).toEqual({ enabled: true, delayMinutes: 60, thankYou: null });
    expect(toUpdateCsatRequest(VIEW, csatFormFrom(VIEW))).toEqual({});
  });

  it('says what is wrong with an empty message and delays or periods out of range', () => {
    expect(validateCsatForm({ ...csatFormFrom(VIEW), message: ' ', delayMinutes: '-5', minDaysBetween: '1.5' })).toEqual({
      message: 'Write the survey message customers get.',
      delayMinutes: 'Enter whole minutes from 0 to 10,080 (a week).',
      minDaysBetween: 'Enter whole days from 0 to 365.',
    });
    expect(validateCsatForm(csatFormFrom(VIEW))).toEqual({});
  });

  it('gives the encoding and segments of the text, so a Ukrainian survey shows it costs more', () => {
    expect(smsCostHint(VIEW.message)).toBe('GSM-7 · 1 segment');
    expect(smsCostHint('Як ми впоралися? Дайте відповідь від 1 (погано) до 5 (чудово), будь ласка, це займе хвилинку.')).toBe('Unicode · 2 segments');
    expect(smsCostHint('')).toBeNull();
  });
});
