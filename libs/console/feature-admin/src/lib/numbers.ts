/**
 * A number field where empty means "none" (no limit, no target): the whole number typed, null when empty, undefined
 * when it is not a whole number within bounds.
 */
export function optionalWholeNumber(value: string, min: number, max: number): number | null | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  if (!/^\d+$/.test(trimmed)) return undefined;
  const number = Number(trimmed);
  return number >= min && number <= max ? number : undefined;
}
