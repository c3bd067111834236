import { CSAT_MAX_DAYS_BETWEEN, CSAT_MAX_DELAY_MINUTES, CSAT_MESSAGE_MAX_LENGTH, type CsatSurveySettingsView, type UpdateCsatSurveySettingsRequest } from '@backtalk/contracts';
import { formatNumber } from '@backtalk/console/i18n';
import { analyseSms } from '@backtalk/sms';
import { translateAdmin as t } from '../../../i18n';

/** The survey settings as the form edits them: numbers as typed. */
export interface CsatFormValues {
  enabled: boolean;
  message: string;
  thankYou: string;
  delayMinutes: string;
  minDaysBetween: string;
  reopenOnLowScore: boolean;
  lowScoreThreshold: string;
}

export type CsatFormErrors = Partial<Record<keyof CsatFormValues, string>>;

export const CSAT_SERVER_FIELDS = ['enabled', 'message', 'thankYou', 'delayMinutes', 'minDaysBetween', 'reopenOnLowScore', 'lowScoreThreshold'] as const;

export function csatFormFrom(view: CsatSurveySettingsView): CsatFormValues {
  return {
    enabled: view.enabled,
    message: view.message,
    thankYou: view.thankYou ?? '',
    delayMinutes: String(view.delayMinutes),
    minDaysBetween: String(view.minDaysBetween),
    reopenOnLowScore: view.reopenOnLowScore,
    lowScoreThreshold: String(view.lowScoreThreshold),
  };
}

const wholeNumberIn = (text: string, min: number, max: number): number | null => {
  if (!/^\d+$/.test(text.trim())) return null;
  const value = Number(text.trim());
  return value >= min && value <= max ? value : null;
};

export function validateCsatForm(values: CsatFormValues): CsatFormErrors {
  const errors: CsatFormErrors = {};
  if (!values.message.trim()) errors.message = t('csat.problems.messageRequired');
  else if (values.message.trim().length > CSAT_MESSAGE_MAX_LENGTH) errors.message = t('csat.problems.messageTooLong', { max: CSAT_MESSAGE_MAX_LENGTH });
  if (values.thankYou.trim().length > CSAT_MESSAGE_MAX_LENGTH) errors.thankYou = t('csat.problems.thankYouTooLong', { max: CSAT_MESSAGE_MAX_LENGTH });
  if (wholeNumberIn(values.delayMinutes, 0, CSAT_MAX_DELAY_MINUTES) === null) errors.delayMinutes = t('csat.problems.delay', { max: formatNumber(CSAT_MAX_DELAY_MINUTES) });
  if (wholeNumberIn(values.minDaysBetween, 0, CSAT_MAX_DAYS_BETWEEN) === null) errors.minDaysBetween = t('csat.problems.daysBetween', { max: CSAT_MAX_DAYS_BETWEEN });
  return errors;
}

/** Only what changed, so saving one field never overwrites a colleague's edit of another. */
export function toUpdateCsatRequest(view: CsatSurveySettingsView, values: CsatFormValues): UpdateCsatSurveySettingsRequest {
  const next: CsatSurveySettingsView = {
    ...view,
    enabled: values.enabled,
    message: values.message.trim(),
    thankYou: values.thankYou.trim() || null,
    delayMinutes: wholeNumberIn(values.delayMinutes, 0, CSAT_MAX_DELAY_MINUTES) ?? view.delayMinutes,
    minDaysBetween: wholeNumberIn(values.minDaysBetween, 0, CSAT_MAX_DAYS_BETWEEN) ?? view.minDaysBetween,
    reopenOnLowScore: values.reopenOnLowScore,
    lowScoreThreshold: wholeNumberIn(values.lowScoreThreshold, 1, 4) ?? view.lowScoreThreshold,
  };
  const changes: UpdateCsatSurveySettingsRequest = {};
  for (const key of CSAT_SERVER_FIELDS) if (next[key] !== view[key]) Object.assign(changes, { [key]: next[key] });
  return changes;
}

/** What the text costs as an SMS, said under the field: a long or Unicode survey costs more segments on every resolve. */
export function smsCostHint(text: string): string | null {
  if (!text.trim()) return null;
  const analysis = analyseSms(text.trim());
  return t('csat.segments', { encoding: analysis.encoding === 'UCS-2' ? 'Unicode' : 'GSM-7', count: analysis.segments });
}
