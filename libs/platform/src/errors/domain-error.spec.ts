import { ErrorCode } from '@backtalk/contracts';
import { HttpException, NotFoundException } from '@nestjs/common';
import { isDependencyFailure } from './dependency-failure';
import { DomainError, httpStatusFor } from './domain-error';
import { toErrorResponse } from './http-exception.filter';

describe('error mapping', () => {
  it('gives every error code an HTTP status', () => {
    for (const code of Object.values(ErrorCode)) {
      expect(httpStatusFor(code)).toBeGreaterThanOrEqual(400);
    }
  });

  it('maps a domain error to its status with code, message and details', () => {
    const mapped = toErrorResponse(new DomainError(ErrorCode.NotFound, 'Team was not found', { id: 'x' }));
    expect(mapped).toEqual({ status: 404, body: { code: 'NOT_FOUND', message: 'Team was not found', details: { id: 'x' } }, retryAfterSeconds: undefined });
  });

  it('never exposes the message or stack of an unknown error', () => {
    const mapped = toErrorResponse(new TypeError('secret internals at line 42'));
    expect(mapped.status).toBe(500);
    expect(mapped.body).toEqual({ code: 'INTERNAL', message: 'Internal error' });
  });

  it('turns a lost database connection into 503 so that carriers retry', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(toErrorResponse(refused).status).toBe(503);
    expect(toErrorResponse(refused).retryAfterSeconds).toBe(5);
  });

  it('recognises PostgreSQL shutdown and connection SQLSTATEs as dependency failures', () => {
    expect(isDependencyFailure(Object.assign(new Error('terminating connection'), { code: '57P01' }))).toBe(true);
    expect(isDependencyFailure(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
  });

  it('keeps the status of framework HTTP exceptions with our code', () => {
    expect(toErrorResponse(new NotFoundException('Cannot GET /nope')).body.code).toBe('NOT_FOUND');
    expect(toErrorResponse(new HttpException('boom', 502)).body).toEqual({ code: 'INTERNAL', message: 'Internal error' });
  });
});
