/**
 * The conversation to open after resolving `resolvedId`, from the list as it was when the agent pressed Resolve: the
 * one below it, or above it when it was last; the top of the list when it was not in it; null when nothing is left.
 */
export function nextAfterResolve(ids: readonly string[], resolvedId: string): string | null {
  const index = ids.indexOf(resolvedId);
  if (index < 0) return ids[0] ?? null;
  return ids[index + 1] ?? ids[index - 1] ?? null;
}
