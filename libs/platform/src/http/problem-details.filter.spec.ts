import { type ArgumentsHost, ConflictException } from '@nestjs/common';
import {
  ConflictError,
  DomainError,
  FieldValidationException,
  ForbiddenError,
  InvalidError,
  NotFoundError,
} from '../errors/domain-error';
import { httpStatusOf, ProblemDetailsFilter, type ProblemDetails } from './problem-details.filter';

/** Runs the filter on `error` and returns what it sent. */
function problemOf(error: unknown): { status: number; contentType: string; body: ProblemDetails } {
  const sent: { status?: number; contentType?: string; body?: ProblemDetails } = {};
  const reply = {
    status(code: number) {
      sent.status = code;
      return reply;
    },
    header(_name: string, value: string) {
      sent.contentType = value;
      return reply;
    },
    send(body: ProblemDetails) {
      sent.body = body;
      return reply;
    },
  };
  const host = {
    switchToHttp: () => ({ getResponse: () => reply, getRequest: () => ({ url: '/api/v1/things/1' }) }),
  } as unknown as ArgumentsHost;
  new ProblemDetailsFilter().catch(error, host);
  return { status: sent.status!, contentType: sent.contentType!, body: sent.body! };
}

describe('ProblemDetailsFilter maps domain errors once', () => {
  it.each([
    [new InvalidError('target: a node cannot probe itself'), 400, 'Bad Request', 'validation'],
    [new ForbiddenError('not yours'), 403, 'Forbidden', 'forbidden'],
    [new NotFoundError('no circuit order 7'), 404, 'Not Found', 'not-found'],
    [new ConflictError('already replayed'), 409, 'Conflict', 'conflict'],
    [new DomainError('gone', 'the export expired'), 410, 'Gone', 'gone'],
  ])('%s answers %i %s', (error, status, title, type) => {
    const { status: sent, contentType, body } = problemOf(error);
    expect(sent).toBe(status);
    expect(httpStatusOf(error)).toBe(status);
    expect(contentType).toBe('application/problem+json');
    expect(body).toEqual({
      type: `https://kaf.example/problems/${type}`,
      title,
      status,
      detail: error.message,
      instance: '/api/v1/things/1',
      correlationId: undefined,
    });
  });

  it('carries the domain reason as an extension member', () => {
    const { body } = problemOf(
      new ConflictError(
        'circuit order 7 is completed: it can no longer be cancelled',
        'circuit-order.not-cancellable',
      ),
    );
    expect(body).toMatchObject({ status: 409, reason: 'circuit-order.not-cancellable' });
  });

  it('answers field errors with the validation title and every field', () => {
    const errors = [{ field: 'to', message: 'must not be before from' }];
    const { status, body } = problemOf(new FieldValidationException(errors));
    expect(status).toBe(400);
    expect(body).toMatchObject({
      type: 'https://kaf.example/problems/validation',
      title: 'Invalid request',
      detail: 'One or more fields are invalid.',
      errors,
    });
  });

  it('answers input that cannot be acted upon with 422 and its own title and detail', () => {
    const errors = [{ field: 'creditCode', message: 'is taken', line: 3 }];
    const error = new FieldValidationException(errors, {
      code: 'unprocessable',
      title: 'Import rejected',
      detail: '1 of 2 rows are invalid',
    });
    expect(error.message).toBe('invalid request: creditCode: is taken');
    const { status, body } = problemOf(error);
    expect(status).toBe(422);
    expect(body).toMatchObject({ title: 'Import rejected', detail: '1 of 2 rows are invalid', errors });
  });

  it("still answers Nest's own exceptions from the edge", () => {
    const { status, body } = problemOf(new ConflictException('taken'));
    expect(status).toBe(409);
    expect(body).toMatchObject({ type: 'about:blank', title: 'Conflict', detail: 'taken' });
  });

  it('hides an unknown error behind a 500', () => {
    const { status, body } = problemOf(new Error('connection string with a password'));
    expect(status).toBe(500);
    expect(body.detail).toBe('unexpected error');
  });
});
