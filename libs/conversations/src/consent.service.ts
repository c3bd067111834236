import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ConsentEntity, ConsentEventEntity } from './entities';

export interface ConsentChange {
  contactId: string;
  channelId: string;
  optedOut: boolean;
  source: ConsentEventEntity['source'];
  keyword?: string | null;
  actorUserId?: string | null;
  messageId?: string | null;
}

@Injectable()
export class ConsentService {
  async isOptedOut(manager: EntityManager, contactId: string, channelId: string): Promise<boolean> {
    const consent = await manager.findOneBy(ConsentEntity, { contactId, channelId });
    return consent?.optedOut ?? false;
  }

  /** Records the change in the ledger, always (a repeated STOP is still a fact worth keeping); returns whether the state changed. */
  async record(manager: EntityManager, change: ConsentChange): Promise<boolean> {
    const previous = await manager.findOne(ConsentEntity, { where: { contactId: change.contactId, channelId: change.channelId }, lock: { mode: 'pessimistic_write' } });
    await manager.upsert(ConsentEntity, { contactId: change.contactId, channelId: change.channelId, optedOut: change.optedOut, updatedAt: new Date() }, [
      'contactId',
      'channelId',
    ]);
    await manager.insert(ConsentEventEntity, {
      contactId: change.contactId,
      channelId: change.channelId,
      action: change.optedOut ? 'opt_out' : 'opt_in',
      source: change.source,
      keyword: change.keyword ?? null,
      actorUserId: change.actorUserId ?? null,
      messageId: change.messageId ?? null,
    });
    return (previous?.optedOut ?? false) !== change.optedOut;
  }
}
