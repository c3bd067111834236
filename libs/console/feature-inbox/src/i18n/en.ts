import { listEn } from './list.en';
import { threadEn } from './thread.en';

export const en = { list: listEn, thread: threadEn } as const;
