import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs `work` in a transaction and only then runs what it queued with `afterCommit`.
 * Realtime events and queue jobs go through `afterCommit`, so nothing is announced for data that rolled back.
 */
export async function inTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager, afterCommit: (effect: () => unknown) => void) => Promise<T>,
): Promise<T> {
  const effects: Array<() => unknown> = [];
  const result = await dataSource.transaction((manager) => work(manager, (effect) => effects.push(effect)));
  for (const effect of effects) await effect();
  return result;
}
