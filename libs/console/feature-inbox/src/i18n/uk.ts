import type { MessagesOf } from '@backtalk/console/i18n';
import type { en } from './en';
import { listUk } from './list.uk';
import { threadUk } from './thread.uk';

export const uk: MessagesOf<typeof en> = { list: listUk, thread: threadUk };
