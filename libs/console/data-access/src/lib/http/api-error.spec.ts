import { ErrorCode } from '@backtalk/contracts';
import { setConsoleLanguage } from '@backtalk/console/i18n';
import '../../i18n';
import { ApiError, describeError, errorFromResponse, fieldErrorsOf, isConnectivityError, NETWORK_ERROR, parseRetryAfter, toFormErrors } from './api-error';

const NOW = Date.parse('2025-01-01T12:00:00Z');

function validationError(details: unknown): ApiError {
  return new ApiError(400, ErrorCode.ValidationFailed, 'Validation failed', details);
}

describe('errorFromResponse', () => {
  it('keeps the code, message and details of an ErrorResponse body', () => {
    const error = errorFromResponse(409, JSON.stringify({ code: 'CONFLICT', message: 'Email already used', details: { x: 1 } }), null, NOW);

    expect(error).toMatchObject({ status: 409, code: ErrorCode.Conflict, message: 'Email already used', details: { x: 1 } });
  });

  it('derives the code from the status when the body is not JSON, as with a proxy error page', () => {
    const error = errorFromResponse(502, '<html>Bad gateway</html>', null, NOW);

    expect(error.code).toBe(ErrorCode.DependencyUnavailable);
    expect(error.message).toBe('The server answered 502.');
  });

  it('describes a body without a message by its code even in English, rather than by the made-up status sentence', () => {
    expect(describeError(errorFromResponse(404, '', null, NOW))).toBe('This no longer exists, or it is not available to your account.');
  });

  it('ignores a code the client does not know and falls back to the status', () => {
    expect(errorFromResponse(404, JSON.stringify({ code: 'SOMETHING_NEW', message: 'x' }), null, NOW).code).toBe(ErrorCode.NotFound);
  });

  it('reads Retry-After on rate-limited responses', () => {
    expect(errorFromResponse(429, JSON.stringify({ code: 'RATE_LIMITED', message: 'Slow down' }), '300', NOW).retryAfterSeconds).toBe(300);
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds', () => {
    expect(parseRetryAfter(' 120 ', NOW)).toBe(120);
  });

  it('turns an HTTP date into seconds from now', () => {
    expect(parseRetryAfter('Wed, 01 Jan 2025 12:02:00 GMT', NOW)).toBe(120);
  });

  it('returns null for a missing or unreadable header', () => {
    expect(parseRetryAfter(null, NOW)).toBeNull();
    expect(parseRetryAfter('soon', NOW)).toBeNull();
  });
});

describe('fieldErrorsOf', () => {
  it('groups validation messages by field', () => {
    const error = validationError([
      { field: 'email', messages: ['must be an email'] },
      { field: 'email', messages: ['is already used'] },
      { field: 'name', messages: ['must not be empty'] },
    ]);

    expect(fieldErrorsOf(error)).toEqual({ email: ['must be an email', 'is already used'], name: ['must not be empty'] });
  });

  it('skips malformed entries instead of throwing', () => {
    expect(fieldErrorsOf(validationError([null, 'x', { field: 3, messages: [] }, { field: 'name', messages: [4] }]))).toEqual({});
  });

  it('returns nothing for errors that are not validation errors', () => {
    expect(fieldErrorsOf(new ApiError(409, ErrorCode.Conflict, 'x', [{ field: 'email', messages: ['taken'] }]))).toEqual({});
  });
});

describe('describeError', () => {
  it('says how many minutes to wait when rate limited, rounding up', () => {
    expect(describeError(new ApiError(429, ErrorCode.RateLimited, 'x', undefined, 61))).toBe('Too many attempts, try again in 2 minutes.');
    expect(describeError(new ApiError(429, ErrorCode.RateLimited, 'x', undefined, 20))).toBe('Too many attempts, try again in 1 minute.');
  });

  it('never shows the server wording for bad credentials, so it cannot leak which part was wrong', () => {
    expect(describeError(new ApiError(401, ErrorCode.InvalidCredentials, 'No user with that email'))).toBe('Email or password is incorrect.');
  });

  it('explains an unreachable server in plain words', () => {
    expect(describeError(ApiError.unreachable())).toMatch(/can't reach the server/i);
    expect(ApiError.unreachable().code).toBe(NETWORK_ERROR);
  });

  it('shows the server message for conflicts, which name the clash', () => {
    expect(describeError(new ApiError(409, ErrorCode.Conflict, 'A team with that name exists.'))).toBe('A team with that name exists.');
  });

  it('shows the server message when a contact opted out, which says what to do', () => {
    const message = 'This contact opted out of this channel (STOP).';

    expect(describeError(new ApiError(409, ErrorCode.ContactOptedOut, message))).toBe(message);
  });

  it('falls back to a generic sentence for anything that is not an ApiError', () => {
    expect(describeError(new TypeError('boom'))).toBe('Something went wrong. Try again.');
  });
});

describe('toFormErrors', () => {
  it('places messages next to known fields and leaves the form message empty', () => {
    const errors = toFormErrors(validationError([{ field: 'email', messages: ['must be an email', 'is required'] }]), ['email', 'name']);

    expect(errors).toEqual({ fields: { email: 'must be an email is required' }, form: null });
  });

  it('puts messages for fields the form does not show into the form message', () => {
    const errors = toFormErrors(validationError([{ field: 'teamIds.0', messages: ['must be a UUID'] }]), ['name']);

    expect(errors).toEqual({ fields: {}, form: 'must be a UUID' });
  });

  it('describes non-validation errors at the form level', () => {
    expect(toFormErrors(new ApiError(403, ErrorCode.Forbidden, 'nope'), ['name']).form).toBe("You don't have permission to do that.");
  });

  it('has nothing to show when there is no error', () => {
    expect(toFormErrors(null, ['name'])).toEqual({ fields: {}, form: null });
  });
});

describe('errors in Ukrainian', () => {
  beforeEach(() => setConsoleLanguage('uk'));
  afterEach(() => setConsoleLanguage('en'));

  it('replaces the English server wording with a sentence for the error code', () => {
    expect(describeError(new ApiError(409, ErrorCode.Conflict, 'A team with that name exists.'))).toBe('Це суперечить тому, що вже існує або щойно змінилося. Оновіть сторінку і спробуйте ще раз.');
    expect(describeError(new ApiError(409, ErrorCode.ContactOptedOut, 'This contact opted out of this channel (STOP).'))).toMatch(/^Цей клієнт відписався/);
    expect(describeError(new ApiError(404, ErrorCode.NotFound, 'Contact was not found'))).toMatch(/^Цього вже немає/);
  });

  it('counts the minutes to wait with Ukrainian plural forms', () => {
    expect(describeError(new ApiError(429, ErrorCode.RateLimited, 'x', undefined, 60))).toBe('Забагато спроб. Спробуйте ще раз за 1 хвилину.');
    expect(describeError(new ApiError(429, ErrorCode.RateLimited, 'x', undefined, 180))).toBe('Забагато спроб. Спробуйте ще раз за 3 хвилини.');
    expect(describeError(new ApiError(429, ErrorCode.RateLimited, 'x', undefined, 300))).toBe('Забагато спроб. Спробуйте ще раз за 5 хвилин.');
  });

  it('marks invalid fields with a translated sentence, naming fields the form does not show', () => {
    const errors = toFormErrors(validationError([{ field: 'email', messages: ['must be an email'] }, { field: 'teamIds.0', messages: ['must be a UUID'] }]), ['email']);

    expect(errors).toEqual({ fields: { email: 'Неприпустиме значення.' }, form: 'teamIds.0: неприпустиме значення.' });
  });

  it('falls back to a generic Ukrainian sentence for anything else', () => {
    expect(describeError(new TypeError('boom'))).toBe('Щось пішло не так. Спробуйте ще раз.');
  });
});

describe('isConnectivityError', () => {
  it('is true when the server was not reached or a gateway answered for it', () => {
    expect(isConnectivityError(ApiError.unreachable())).toBe(true);
    expect(isConnectivityError(errorFromResponse(503, '', null, NOW))).toBe(true);
  });

  it('is false for answers from the API itself and for other errors', () => {
    expect(isConnectivityError(errorFromResponse(500, '', null, NOW))).toBe(false);
    expect(isConnectivityError(errorFromResponse(401, '', null, NOW))).toBe(false);
    expect(isConnectivityError(new Error('x'))).toBe(false);
  });
});
