/** A request body the simulator cannot use; every problem is listed so one round trip fixes them all. */
export class InvalidInput extends Error {
  override readonly name = 'InvalidInput';

  constructor(readonly problems: string[]) {
    super(problems.join('; '));
  }
}

export type JsonRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Collects problems while fields are read, so that a body with several mistakes is reported in one answer. */
export class FieldReader {
  readonly problems: string[] = [];

  constructor(
    private readonly record: JsonRecord,
    private readonly context = '',
  ) {}

  private label(field: string): string {
    return this.context ? `${this.context}.${field}` : field;
  }

  has(field: string): boolean {
    return this.record[field] !== undefined;
  }

  problem(message: string): void {
    this.problems.push(message);
  }

  string(field: string, options: { required: true; maxLength?: number }): string;
  string(field: string, options?: { required?: false; maxLength?: number }): string | undefined;
  string(field: string, options: { required?: boolean; maxLength?: number } = {}): string | undefined {
    const value = this.record[field];
    if (value === undefined || value === null) {
      if (options.required) this.problems.push(`${this.label(field)} is required`);
      return undefined;
    }
    if (typeof value !== 'string' || value.trim() === '') {
      this.problems.push(`${this.label(field)} must be a non-empty string`);
      return undefined;
    }
    if (options.maxLength !== undefined && value.length > options.maxLength) {
      this.problems.push(`${this.label(field)} must be at most ${options.maxLength} characters`);
      return undefined;
    }
    return value.trim();
  }

  oneOf<T extends string>(field: string, allowed: readonly T[]): T | undefined {
    const value = this.record[field];
    if (value === undefined) return undefined;
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    this.problems.push(`${this.label(field)} must be one of ${allowed.map((option) => `"${option}"`).join(', ')}`);
    return undefined;
  }

  boolean(field: string): boolean | undefined {
    const value = this.record[field];
    if (value === undefined) return undefined;
    if (typeof value === 'boolean') return value;
    this.problems.push(`${this.label(field)} must be true or false`);
    return undefined;
  }

  integer(field: string, min: number, max: number): number | undefined {
    const value = this.record[field];
    if (value === undefined) return undefined;
    if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
    this.problems.push(`${this.label(field)} must be a whole number from ${min} to ${max}`);
    return undefined;
  }

  fraction(field: string): number | undefined {
    const value = this.record[field];
    if (value === undefined) return undefined;
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 1) return value;
    this.problems.push(`${this.label(field)} must be a number from 0 to 1 (a share of requests)`);
    return undefined;
  }

  /** Reports fields nobody asked for: a typo such as "outcom" would otherwise be ignored without a word. */
  rejectUnknown(known: readonly string[]): void {
    for (const field of Object.keys(this.record)) {
      if (!known.includes(field)) this.problems.push(`${this.label(field)} is not a known field (known: ${known.join(', ')})`);
    }
  }
}
