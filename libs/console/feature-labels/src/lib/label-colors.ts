import { LABEL_COLORS, type LabelColor, type LabelView } from '@backtalk/contracts';

/** Said next to the swatch and read out for it: the color alone never carries the meaning. */
export const LABEL_COLOR_NAMES: Record<LabelColor, string> = {
  gray: 'Gray',
  red: 'Red',
  orange: 'Orange',
  amber: 'Amber',
  green: 'Green',
  teal: 'Teal',
  blue: 'Blue',
  indigo: 'Indigo',
  purple: 'Purple',
  pink: 'Pink',
};

export const LABEL_COLOR_OPTIONS: ReadonlyArray<{ value: LabelColor; label: string }> = LABEL_COLORS.map((color) => ({ value: color, label: LABEL_COLOR_NAMES[color] }));

/** The labels among `all` with these ids, by name (as the picker lists them); ids the list lacks (deleted) are left out. */
export function sortedLabels(all: readonly LabelView[], ids: readonly string[]): LabelView[] {
  const wanted = new Set(ids);
  return all.filter((label) => wanted.has(label.id)).sort((a, b) => a.name.localeCompare(b.name));
}
