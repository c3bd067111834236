import { registerMessages } from '@backtalk/console/i18n';
import { en } from './en';
import { uk } from './uk';

export const AUTH_NAMESPACE = registerMessages('auth', { en, uk });
