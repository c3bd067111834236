import { registerMessages } from '@backtalk/console/i18n';
import { en } from './en';
import { uk } from './uk';

export const CONTACTS_NAMESPACE = registerMessages('contacts', { en, uk });
