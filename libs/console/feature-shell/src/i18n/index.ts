import { registerMessages } from '@backtalk/console/i18n';
import { en } from './en';
import { uk } from './uk';

export const SHELL_NAMESPACE = registerMessages('shell', { en, uk });
