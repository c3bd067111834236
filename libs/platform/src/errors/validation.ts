import { ErrorCode } from '@backtalk/contracts';
import { messageLength } from '@backtalk/sms';
import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { ValidateIf, type ValidationArguments } from 'class-validator';
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

/**
 * A validation message written for the person in front of the console (a capitalised sentence with its full stop),
 * as opposed to class-validator's field wording; a request failing only such checks answers with the sentences alone.
 */
const isSentence = (message: string): boolean => /^\p{Lu}/u.test(message) && /[.!?]$/.test(message);

/**
 * MaxLength's message for text agents write: how long it may be and how much to cut, e.g. "This message is too
 * long: SMS replies can be at most 1,600 characters. Cut 42 characters to send it."
 */
export function tooLongMessage(what: string, rule: string, max: number, toDo: string): (args: ValidationArguments) => string {
  return (args) => {
    const excess = typeof args.value === 'string' ? messageLength(args.value) - max : 0;
    const cut = excess > 0 ? ` Cut ${excess.toLocaleString('en-US')} ${excess === 1 ? 'character' : 'characters'} to ${toDo}.` : '';
    return `This ${what} is too long: ${rule} ${max.toLocaleString('en-US')} characters.${cut}`;
  };
}

/** Whitelisting rejects unknown fields, so a typo in a request is an error instead of a silent no-op. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const details = flattenValidationErrors(errors);
      const firsts = details.map((detail) => detail.messages[0]);
      if (firsts.length > 0 && firsts.every(isSentence)) return new DomainError(ErrorCode.ValidationFailed, firsts.join(' '), details);
      return new DomainError(ErrorCode.ValidationFailed, `Invalid request: ${firsts.join('; ')}`, details);
    },
  });
}
