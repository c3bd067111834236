/** A run of a sentence: interface text, or content (a name, a label) quoted in it. */
export interface TextPart {
  text: string;
  isData: boolean;
}

/**
 * `text` cut where it quotes one of `data`, so the quoted names can be marked as content that translators and
 * translation tools leave alone. The longest entry wins where entries overlap ("Maria" inside "Maria Agent").
 */
export function splitData(text: string, data: readonly string[]): TextPart[] {
  const entries = [...new Set(data.filter((entry) => entry.trim().length > 0))].sort((a, b) => b.length - a.length);
  const parts: TextPart[] = [];
  let plain = '';
  let index = 0;
  while (index < text.length) {
    const entry = entries.find((candidate) => text.startsWith(candidate, index));
    if (entry) {
      if (plain) parts.push({ text: plain, isData: false });
      plain = '';
      parts.push({ text: entry, isData: true });
      index += entry.length;
    } else {
      plain += text[index];
      index += 1;
    }
  }
  if (plain) parts.push({ text: plain, isData: false });
  return parts;
}
