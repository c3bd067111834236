import { registerMessages, translatorFor } from '@backtalk/console/i18n';
import { en } from './en';
import { uk } from './uk';

export const UI_NAMESPACE = registerMessages('ui', { en, uk });

/** For the plain functions of this library (formatting, label records) that run outside React. */
export const translateUi = translatorFor(UI_NAMESPACE);
