import type { MessagesOf } from '@backtalk/console/i18n';
import type { listEn } from './list.en';

export const listUk: MessagesOf<typeof listEn> = {};
