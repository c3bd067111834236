import { registerMessages, translatorFor } from '@backtalk/console/i18n';
import { en } from './en';
import { uk } from './uk';

export const ADMIN_NAMESPACE = registerMessages('admin', { en, uk });

/** For the form validators and label lists of this library, which run outside React; importing it registers the catalogue. */
export const translateAdmin = translatorFor(ADMIN_NAMESPACE);
