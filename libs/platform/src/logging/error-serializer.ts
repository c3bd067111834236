import { DatabaseError } from 'pg';
import pino from 'pino';
import { QueryFailedError } from 'typeorm';

/**
 * What a database error may tell the log besides its type, message and stack: names, never values. A failed
 * statement's text and parameters (password hashes, message bodies, notes, sealed secrets, token hashes) and pg's
 * `detail` and `where` ("Key (email)=(…) already exists", the failing row) stay out.
 */
const DATABASE_ERROR_FIELDS = ['code', 'severity', 'constraint', 'table', 'column'] as const;

type Serialized = Record<string, unknown>;

function databaseErrorOf(error: Error): DatabaseError | QueryFailedError | undefined {
  if (error instanceof QueryFailedError || error instanceof DatabaseError) return error;
  return undefined;
}

function forDatabaseError(error: DatabaseError | QueryFailedError): Serialized {
  // TypeORM types its driver error as a bare Error; with pg it is pg's DatabaseError.
  const driver = (error instanceof QueryFailedError ? error.driverError : error) as Partial<Record<(typeof DATABASE_ERROR_FIELDS)[number], unknown>>;
  const serialized: Serialized = { type: error.constructor.name, message: error.message, stack: error.stack };
  for (const field of DATABASE_ERROR_FIELDS) if (driver[field] !== undefined) serialized[field] = driver[field];
  return serialized;
}

/**
 * The log's `err` serializer: pino's standard one, except that database errors, at the top or nested in another
 * error's properties, are reduced to their code and message. pino-http hands a custom serializer the standard
 * serialization, with the error itself under `raw`.
 */
export function serializeError(value: unknown): unknown {
  const error = value !== null && typeof value === 'object' && 'raw' in value ? (value as { raw: unknown }).raw : value;
  if (!(error instanceof Error)) return value;
  const database = databaseErrorOf(error);
  if (database) return forDatabaseError(database);
  const serialized = (error === value ? pino.stdSerializers.err(error) : value) as Serialized;
  for (const [key, nested] of Object.entries(error)) {
    if (nested instanceof Error && key in serialized) serialized[key] = serializeError(nested);
  }
  return serialized;
}
