import { type WebhookRequest, WebhookParseError } from '../carrier-adapter';

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The parsed value, or `undefined` for an empty or malformed text (JSON itself has no `undefined`). */
export function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function parseJsonBody(request: WebhookRequest, provider: string): unknown {
  const text = request.rawBody.toString('utf8');
  if (text.trim() === '') throw new WebhookParseError(`${provider} webhook has an empty body`);
  const parsed = parseJson(text);
  if (parsed === undefined) throw new WebhookParseError(`${provider} webhook body is not valid JSON`);
  return parsed;
}

/** A JSON object body, or an empty object when the text is not one: error bodies are read on a best-effort basis. */
export function parseJsonObject(text: string): JsonObject {
  const parsed = parseJson(text);
  return isJsonObject(parsed) ? parsed : {};
}

/** Strings, and numbers for providers that send ids or codes as JSON numbers. */
export function optionalString(object: JsonObject, key: string): string | undefined {
  const value = object[key];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

export function requireString(object: JsonObject, key: string, context: string): string {
  const value = optionalString(object, key);
  if (value === undefined || value === '') {
    throw new WebhookParseError(`${context} is missing "${key}"`);
  }
  return value;
}

export function optionalObject(object: JsonObject, key: string): JsonObject | undefined {
  const value = object[key];
  return isJsonObject(value) ? value : undefined;
}

export function optionalArray(object: JsonObject, key: string): unknown[] {
  const value = object[key];
  return Array.isArray(value) ? value : [];
}

export function optionalInteger(object: JsonObject, key: string): number | null {
  return toInteger(optionalString(object, key));
}

export function toInteger(value: string | undefined): number | null {
  if (value === undefined || !/^\d+$/.test(value)) return null;
  return Number(value);
}
