import { registerMessages, translatorFor } from '@backtalk/console/i18n';
import { en } from './en';
import { uk } from './uk';

export const AUDIT_NAMESPACE = registerMessages('audit', { en, uk });

/** For the label functions of this library, which run outside React. */
export const translateAudit = translatorFor(AUDIT_NAMESPACE);
