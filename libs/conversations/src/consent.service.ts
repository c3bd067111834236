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
   * A new contact for a number that sent STOP under another contact starts opted out where it did: neither erasing a
   * customer nor merging their number into another contact may let texts reach a number that opted out. An erased
   * customer is found through the keyed hash the erasure left in place of the number; a merged-in number through the
   * merge's record (its number, or its hash once the survivor was erased), with the channels it was opted out on when
   * merged. Each opt-out carried over is in the new contact's ledger, saying where it came from. Call it in the
   * transaction that created the contacts.
   */
  async inheritOptOuts(manager: EntityManager, created: ReadonlyArray<{ id: string; phone: string }>): Promise<void> {
    if (created.length === 0) return;
    const hashes = await Promise.all(created.map((contact) => this.phoneHasher.hash(contact.phone)));
    const ids = created.map((contact) => contact.id);
    await this.recordInherited(manager, 'erased_customer', await this.inheritFromErased(manager, ids, hashes));
    await this.recordInherited(manager, 'merged_contact', await this.inheritFromMerged(manager, ids, created.map((contact) => contact.phone), hashes));
  }

  private inheritFromErased(manager: EntityManager, ids: string[], hashes: string[]): Promise<Array<{ contact_id: string; channel_id: string }>> {
    return manager.query<Array<{ contact_id: string; channel_id: string }>>(
      `INSERT INTO consent (contact_id, channel_id, opted_out, updated_at)
       SELECT DISTINCT n.id, k.channel_id, true, now()
       FROM unnest($1::uuid[], $2::text[]) AS n(id, hash)
       JOIN contact e ON e.phone_hash = n.hash
       JOIN consent k ON k.contact_id = e.id AND k.opted_out
       ON CONFLICT (contact_id, channel_id) DO UPDATE SET opted_out = true, updated_at = now()
       RETURNING contact_id, channel_id`,
      [ids, hashes],
    );
  }

  /** Merges recorded before the opted-out channels were kept carry the survivor's opt-outs, which include the number's. */
  private inheritFromMerged(manager: EntityManager, ids: string[], phones: string[], hashes: string[]): Promise<Array<{ contact_id: string; channel_id: string }>> {
    return manager.query<Array<{ contact_id: string; channel_id: string }>>(
      `INSERT INTO consent (contact_id, channel_id, opted_out, updated_at)
       SELECT DISTINCT n.id, opted.channel_id, true, now()
       FROM unnest($1::uuid[], $2::text[], $3::text[]) AS n(id, phone, hash)
       JOIN contact_merge m ON m.absorbed_phone = n.phone OR m.absorbed_phone_hash = n.hash
       CROSS JOIN LATERAL (
         SELECT unnest(m.absorbed_opted_out_channel_ids) AS channel_id WHERE m.absorbed_opted_out_channel_ids IS NOT NULL
         UNION SELECT k.channel_id FROM consent k WHERE m.absorbed_opted_out_channel_ids IS NULL AND k.contact_id = m.contact_id AND k.opted_out
       ) AS opted
       -- A channel deleted since the merge has nothing left to send from.
       WHERE EXISTS (SELECT 1 FROM channel ch WHERE ch.id = opted.channel_id)
       ON CONFLICT (contact_id, channel_id) DO UPDATE SET opted_out = true, updated_at = now()
       RETURNING contact_id, channel_id`,
      [ids, phones, hashes],
    );
  }

  private async recordInherited(manager: EntityManager, source: 'erased_customer' | 'merged_contact', inherited: Array<{ contact_id: string; channel_id: string }>): Promise<void> {
    if (inherited.length === 0) return;
    await manager.query(
      `INSERT INTO consent_event (contact_id, channel_id, action, source) SELECT contact_id, channel_id, 'opt_out', $3 FROM unnest($1::uuid[], $2::uuid[]) AS i(contact_id, channel_id)`,
      [inherited.map((row) => row.contact_id), inherited.map((row) => row.channel_id), source],
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
