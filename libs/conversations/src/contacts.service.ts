import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ConsentService } from './consent.service';

@Injectable()
export class ContactsService {
  constructor(private readonly consent: ConsentService) {}

  /**
   * One contact per number, even when many first messages from a new number arrive at once: the insert waits for a
   * concurrent insert of the same number to commit and then yields to it, and the select finds the winner.
   */
  async findOrCreateByPhone(manager: EntityManager, phone: string): Promise<string> {
    const inserted: Array<{ id: string }> = await manager.query(`INSERT INTO contact (phone) VALUES ($1) ON CONFLICT (phone) DO NOTHING RETURNING id`, [phone]);
    if (inserted[0]) {
      await this.consent.inheritOptOuts(manager, [{ id: inserted[0].id, phone }]);
      return inserted[0].id;
    }
    const [existing]: Array<{ id: string }> = await manager.query(`SELECT id FROM contact WHERE phone = $1`, [phone]);
    return existing.id;
  }
}
