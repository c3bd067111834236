/** A team's satisfaction survey by SMS, sent after a resolve in which a person answered the customer. */
export interface CsatSurveySettingsView {
  teamId: string;
  enabled: boolean;
  /** The survey text, sent as it is. */
  message: string;
  /** Sent after a rating; null sends nothing. */
  thankYou: string | null;
  /** How long after the resolve the survey goes out (it waits for the team's business hours too). */
  delayMinutes: number;
  /** A customer is surveyed at most once in this many days. */
  minDaysBetween: number;
  /** A rating at or below `lowScoreThreshold` reopens the conversation for the team. */
  reopenOnLowScore: boolean;
  lowScoreThreshold: number;
}

export type UpdateCsatSurveySettingsRequest = Partial<Omit<CsatSurveySettingsView, 'teamId'>>;

export const CSAT_DEFAULT_MESSAGE = 'How did we do? Reply 1 (bad) to 5 (great).';
export const CSAT_MESSAGE_MAX_LENGTH = 480;
export const CSAT_MAX_DELAY_MINUTES = 10_080;
export const CSAT_MAX_DAYS_BETWEEN = 365;
