import 'reflect-metadata';
import { AuditService } from '@backtalk/audit';
import { getDataSourceToken } from '@nestjs/typeorm';
import { SecretBox } from '@backtalk/platform';
import type { DataSource } from 'typeorm';
import { withApiContext } from './nest-context';

/**
 * Re-seals every stored secret under the current SECRETS_KEY: the channels' credentials and the key of erased
 * customers' number hashes. Run after moving the old key to SECRETS_KEY_PREVIOUS; when it reports nothing left to
 * rotate, the old key can be removed.
 */
async function main(): Promise<void> {
  const rotated = await withApiContext(async (context) => {
    const dataSource = context.get<DataSource>(getDataSourceToken());
    const box = context.get(SecretBox);
    const audit = context.get(AuditService);
    return dataSource.transaction(async (manager) => {
      const rows: Array<{ id: string; team_id: string; secrets_sealed: string }> = await manager.query(`SELECT id, team_id, secrets_sealed FROM channel FOR UPDATE`);
      const resealed: Array<{ id: string; team_id: string }> = [];
      for (const row of rows) {
        if (!box.needsRotation(row.secrets_sealed)) continue;
        await manager.query(`UPDATE channel SET secrets_sealed = $2 WHERE id = $1`, [row.id, box.seal(box.open(row.secrets_sealed))]);
        resealed.push(row);
      }
      // Re-sealed, never replaced: a new key would stop the hashes of erased customers' numbers matching.
      const [erasureKey]: Array<{ key_sealed: string }> = await manager.query(`SELECT key_sealed FROM erasure_key WHERE id = 1 FOR UPDATE`);
      const erasureKeyResealed = erasureKey !== undefined && box.needsRotation(erasureKey.key_sealed);
      if (erasureKeyResealed) await manager.query(`UPDATE erasure_key SET key_sealed = $1 WHERE id = 1`, [box.seal(box.open(erasureKey.key_sealed))]);
      if (resealed.length > 0 || erasureKeyResealed) {
        await audit.record(
          {
            actor: { kind: 'system' },
            action: 'secrets.rotated',
            target: { type: 'secrets_key', label: 'SECRETS_KEY' },
            teamIds: resealed.map((row) => row.team_id),
            diff: { after: { channelsResealed: resealed.map((row) => row.id), erasureKeyResealed } },
          },
          manager,
        );
      }
      return { channels: resealed.length, erasureKey: erasureKeyResealed };
    });
  });
  if (rotated.channels === 0 && !rotated.erasureKey) process.stdout.write('every stored secret is sealed with the current key\n');
  if (rotated.channels > 0) process.stdout.write(`re-sealed the secrets of ${rotated.channels} channel(s) under the current key\n`);
  if (rotated.erasureKey) process.stdout.write('re-sealed the key of erased customers’ number hashes under the current key\n');
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
