import { MacroStepType } from '@backtalk/contracts';
import { translatorFor } from '@backtalk/console/i18n';
import { INBOX_NAMESPACE } from '../../i18n';

const t = translatorFor(INBOX_NAMESPACE);
const STEP_TYPES = new Set<string>(Object.values(MacroStepType));

/** A step as a thread line or a toast names it, after "step 2:", in the console's language at the time it is asked. */
export const macroStepName = (type: unknown): string => (typeof type === 'string' && STEP_TYPES.has(type) ? t(`thread.macroSteps.${type}`) : t('thread.macroSteps.unknown'));
