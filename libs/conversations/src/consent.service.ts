import { PhoneHasher } from '@backtalk/platform';
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
  constructor(private readonly phoneHasher: PhoneHasher) {}

  async isOptedOut(manager: EntityManager, contactId: string, channelId: string): Promise<boolean> {
    const consent = await manager.findOneBy(ConsentEntity, { contactId, channelId });
    return consent?.optedOut ?? false;
  }

  /**
   * A new contact whose number belonged to an erased customer takes over that customer's opt-outs: erasing someone must
   * not let texts reach a number that sent STOP. Found through the keyed hash the erasure left in place of the number;
   * the opt-out is recorded in the new contact's ledger as carried over from the erased customer. Call it in the
   * transaction that created the contacts.
   */
  async inheritErasedOptOuts(manager: EntityManager, created: ReadonlyArray<{ id: string; phone: string }>): Promise<void> {
    if (created.length === 0) return;
    const hashes = await Promise.all(created.map((contact) => this.phoneHasher.hash(contact.phone)));
    const inherited = await manager.query<Array<{ contact_id: string; channel_id: string }>>(
      `INSERT INTO consent (contact_id, channel_id, opted_out, updated_at)
       SELECT DISTINCT n.id, k.channel_id, true, now()
       FROM unnest($1::uuid[], $2::text[]) AS n(id, hash)
       JOIN contact e ON e.phone_hash = n.hash
       JOIN consent k ON k.contact_id = e.id AND k.opted_out
       ON CONFLICT (contact_id, channel_id) DO UPDATE SET opted_out = true, updated_at = now()
       RETURNING contact_id, channel_id`,
      [created.map((contact) => contact.id), hashes],
    );
    if (inherited.length === 0) return;
    await manager.query(
      `INSERT INTO consent_event (contact_id, channel_id, action, source) SELECT contact_id, channel_id, 'opt_out', 'erased_customer' FROM unnest($1::uuid[], $2::uuid[]) AS i(contact_id, channel_id)`,
      [inherited.map((row) => row.contact_id), inherited.map((row) => row.channel_id)],
    );
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
