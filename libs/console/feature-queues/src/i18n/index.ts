import { registerMessages } from '@backtalk/console/i18n';
import { en } from './en';
import { uk } from './uk';

export const QUEUES_NAMESPACE = registerMessages('queues', { en, uk });
