import { randomUUID } from 'node:crypto';
import { PlatformModule } from '@backtalk/platform';
import { TestApp } from '@backtalk/testing';
import { Module } from '@nestjs/common';
import { verifyAuditChain } from './audit-chain';
import { AuditModule } from './audit.module';
import { AuditService } from './audit.service';

@Module({ imports: [PlatformModule, AuditModule] })
class AuditTestModule {}

describe('the audit trail', () => {
  let t: TestApp;
  let audit: AuditService;

  beforeAll(async () => {
    t = await TestApp.create(AuditTestModule);
    audit = t.app.get(AuditService);
  });
  beforeEach(() => t.reset());
  afterAll(() => t.close());

  const ruleChange = (label: string) => ({
    actor: { kind: 'user' as const, userId: randomUUID() },
    action: 'rule.updated',
    target: { type: 'rule', id: randomUUID(), label },
    teamIds: [randomUUID()],
    diff: { before: { name: 'Old', priority: 1 }, after: { name: label, priority: 2 } },
    origin: { ip: '203.0.113.7', userAgent: 'jest' },
  });

  it('stores an entry with its actor, target, teams, diff and origin, chained to the one before', async () => {
    const first = await audit.record(ruleChange('First'));
    const input = ruleChange('Second');
    const second = await audit.record(input);
    expect(second.seq).toBe(String(Number(first.seq) + 1));
    const [row] = await t.dataSource.query(`SELECT * FROM audit_entry WHERE seq = $1`, [second.seq]);
    expect(row).toMatchObject({
      actor_kind: 'user',
      actor_user_id: input.actor.userId,
      action: 'rule.updated',
      target_type: 'rule',
      target_id: input.target.id,
      target_label: 'Second',
      diff: input.diff,
      ip: '203.0.113.7',
      user_agent: 'jest',
      prev_hash: first.hash,
      hash: second.hash,
    });
    expect(await verifyAuditChain(t.dataSource)).toEqual({ checked: 2, broken: null });
  });

  it('commits and rolls back with the transaction it is given', async () => {
    await expect(
      t.dataSource.transaction(async (manager) => {
        await audit.record(ruleChange('Rolled back'), manager);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    await t.dataSource.transaction((manager) => audit.record(ruleChange('Kept'), manager));
    const rows: Array<{ target_label: string; seq: string }> = await t.dataSource.query(`SELECT target_label, seq::text FROM audit_entry`);
    expect(rows).toEqual([{ target_label: 'Kept', seq: '1' }]);
  });

  it('keeps one unbroken chain when many writers append at once', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, index) => audit.record(ruleChange(`Concurrent ${index}`))));
    expect(await verifyAuditChain(t.dataSource)).toEqual({ checked: 20, broken: null });
  });

  it('never writes a secret value into a diff, only that it changed', async () => {
    const { seq } = await audit.record({
      actor: { kind: 'system' },
      action: 'channel.updated',
      target: { type: 'channel', id: randomUUID() },
      diff: { before: { name: 'A', secrets: { authToken: 'old-token' } }, after: { name: 'B', signatureSecret: 'new-secret', password: '' } },
    });
    const [{ diff }] = await t.dataSource.query(`SELECT diff FROM audit_entry WHERE seq = $1`, [seq]);
    expect(diff).toEqual({ before: { name: 'A', secrets: '[redacted]' }, after: { name: 'B', signatureSecret: '[redacted]', password: '' } });
    expect(JSON.stringify(diff)).not.toMatch(/old-token|new-secret/);
  });

  it('refuses to update or delete an entry', async () => {
    await audit.record(ruleChange('Permanent'));
    await expect(t.dataSource.query(`UPDATE audit_entry SET target_label = 'Rewritten'`)).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query(`DELETE FROM audit_entry`)).rejects.toThrow(/append-only/);
    expect(await t.dataSource.query(`SELECT target_label FROM audit_entry`)).toEqual([{ target_label: 'Permanent' }]);
  });

  /** Superuser only: replica mode skips ordinary triggers, which is how a tamperer with database access gets around them. */
  async function bypassingTrigger(statement: string): Promise<void> {
    await t.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL session_replication_role = replica`);
      await manager.query(statement);
    });
  }

  it('finds the first modified entry when a row is edited around the trigger', async () => {
    for (let index = 1; index <= 5; index += 1) await audit.record(ruleChange(`Rule ${index}`));
    await bypassingTrigger(`UPDATE audit_entry SET diff = '{"after": {"name": "Innocent"}}' WHERE seq = 3`);
    await bypassingTrigger(`UPDATE audit_entry SET target_label = 'Also changed' WHERE seq = 4`);
    expect(await verifyAuditChain(t.dataSource)).toEqual({ checked: 2, broken: { seq: '3', reason: expect.stringContaining('modified') } });
  });

  it('finds a deleted entry, and a re-hashed edit by the link after it', async () => {
    for (let index = 1; index <= 4; index += 1) await audit.record(ruleChange(`Rule ${index}`));
    await bypassingTrigger(`DELETE FROM audit_entry WHERE seq = 2`);
    expect(await verifyAuditChain(t.dataSource)).toEqual({ checked: 1, broken: { seq: '3', reason: expect.stringContaining('missing') } });
    await t.reset();
    for (let index = 1; index <= 3; index += 1) await audit.record(ruleChange(`Rule ${index}`));
    // A tamperer who also recomputes the edited entry's hash still breaks the next entry's link to it.
    await bypassingTrigger(`UPDATE audit_entry SET hash = repeat('a', 64) WHERE seq = 2`);
    expect(await verifyAuditChain(t.dataSource)).toEqual({ checked: 1, broken: { seq: '2', reason: expect.stringContaining('modified') } });
  });
});
