import { registerMessages } from '@backtalk/console/i18n';
import { en } from './en';
import { uk } from './uk';

export const INBOX_NAMESPACE = registerMessages('inbox', { en, uk });
