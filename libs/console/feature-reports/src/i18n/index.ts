import { registerMessages, translatorFor } from '@backtalk/console/i18n';
import { en } from './en';
import { uk } from './uk';

export const REPORTS_NAMESPACE = registerMessages('reports', { en, uk });

/** For the plain functions of this library (durations, deltas, range presets) that run outside React. */
export const translateReports = translatorFor(REPORTS_NAMESPACE);
