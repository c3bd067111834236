import { LABEL_COLORS, type LabelColor, type LabelView } from '@backtalk/contracts';
import { translatorFor } from '@backtalk/console/i18n';

const t = translatorFor('labels');

/** Said next to the swatch and read out for it: the color alone never carries the meaning. */
export function labelColorName(color: LabelColor): string {
  return t(`colors.${color}`);
}

/** Built when asked for, so the names follow the console's language. */
export function labelColorOptions(): Array<{ value: LabelColor; label: string }> {
  return LABEL_COLORS.map((color) => ({ value: color, label: labelColorName(color) }));
}

/** The labels among `all` with these ids, by name (as the picker lists them); ids the list lacks (deleted) are left out. */
export function sortedLabels(all: readonly LabelView[], ids: readonly string[]): LabelView[] {
  const wanted = new Set(ids);
  return all.filter((label) => wanted.has(label.id)).sort((a, b) => a.name.localeCompare(b.name));
}
