import { registerMessages } from '@backtalk/console/i18n';
import { en } from './en';
import { uk } from './uk';

export const LABELS_NAMESPACE = registerMessages('labels', { en, uk });
