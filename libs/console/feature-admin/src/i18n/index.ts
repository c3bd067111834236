import { registerMessages } from '@backtalk/console/i18n';
import { en } from './en';
import { uk } from './uk';

export const ADMIN_NAMESPACE = registerMessages('admin', { en, uk });
