import { ErrorCode } from '@backtalk/contracts';
import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { ValidateIf } from 'class-validator';
import { DomainError } from './domain-error';

export interface FieldError {
  field: string;
  messages: string[];
}

export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/**
 * May be left out, but not sent as null: class-validator's IsOptional lets null through as well, and a service then
 * writes it into a NOT NULL column (a 500). Fields where null means something keep IsOptional with their own
 * `ValidateIf((_, value) => value !== null)`.
 */
export const IsOmittable = (): PropertyDecorator => ValidateIf((_object, value) => value !== undefined);

/** Whitelisting rejects unknown fields, so a typo in a request is an error instead of a silent no-op. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const details = flattenValidationErrors(errors);
      const summary = details.map((detail) => detail.messages[0]).join('; ');
      return new DomainError(ErrorCode.ValidationFailed, `Invalid request: ${summary}`, details);
    },
  });
}
