import { registerMessages } from '@backtalk/console/i18n';
import { en } from './en';
import { uk } from './uk';

export const COMMON_NAMESPACE = registerMessages('common', { en, uk });
