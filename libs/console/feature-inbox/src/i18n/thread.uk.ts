import type { MessagesOf } from '@backtalk/console/i18n';
import type { threadEn } from './thread.en';

export const threadUk: MessagesOf<typeof threadEn> = {};
