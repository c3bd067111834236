export type TemplateValues = Readonly<Record<string, string | null | undefined>>;

export interface RenderedTemplate {
  body: string;
  /** Variables without a value: left out of `body`. */
  missing: string[];
}

/**
 * Fills `{{name}}` variables. A variable without a value is dropped (with the space before it, so "Hi {{x}}," reads
 * "Hi,") and reported, so the agent sees what to fix before sending instead of the customer seeing braces.
 */
export function renderTemplate(body: string, values: TemplateValues): RenderedTemplate {
  const missing = new Set<string>();
  const rendered = body.replace(/( ?)\{\{\s*([\w.]+)\s*\}\}/g, (_match, space: string, name: string) => {
    const value = values[name]?.trim();
    if (value) return `${space}${value}`;
    missing.add(name);
    return '';
  });
  return { body: rendered, missing: [...missing] };
}

export const firstName = (name: string | null | undefined): string => (name ?? '').trim().split(/\s+/)[0] ?? '';
