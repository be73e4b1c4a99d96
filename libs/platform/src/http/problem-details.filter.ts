import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { currentCorrelationId } from '@kaf/observability';
import { DomainError, type DomainErrorCode, type FieldError } from '../errors/domain-error';

/** RFC 9457 problem details; `errors` names each offending field. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  correlationId?: string;
  errors?: FieldError[];
  /** The domain's refinement of the problem type, when it names one. */
  reason?: string;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  410: 'Gone',
  429: 'Too Many Requests',
  503: 'Service Unavailable',
};

/** The one place a domain error code becomes an HTTP status and a problem type. */
const PROBLEMS: Record<DomainErrorCode, { status: number; type: string }> = {
  invalid: { status: 400, type: 'https://kaf.example/problems/validation' },
  unprocessable: { status: 422, type: 'https://kaf.example/problems/unprocessable' },
  forbidden: { status: 403, type: 'https://kaf.example/problems/forbidden' },
  not_found: { status: 404, type: 'https://kaf.example/problems/not-found' },
  conflict: { status: 409, type: 'https://kaf.example/problems/conflict' },
  gone: { status: 410, type: 'https://kaf.example/problems/gone' },
  unavailable: { status: 503, type: 'https://kaf.example/problems/unavailable' },
};

/** The HTTP status a domain error answers with. */
export function httpStatusOf(error: DomainError): number {
  return PROBLEMS[error.code].status;
}

/** Maps every error to problem+json once, at the edge. Unknown errors are 500s without internals. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const reply = ctx.getResponse<FastifyReply>();
    const request = ctx.getRequest<FastifyRequest>();
    const problem = this.toProblem(exception, request);
    if (problem.status >= 500) {
      this.logger.error({
        msg: 'unhandled error',
        error: String(exception),
        stack: (exception as Error)?.stack,
      });
    }
    void reply.status(problem.status).header('content-type', 'application/problem+json').send(problem);
  }

  private toProblem(exception: unknown, request: FastifyRequest): ProblemDetails {
    const base = { instance: request.url, correlationId: currentCorrelationId() };
    if (exception instanceof DomainError) {
      const { status, type } = PROBLEMS[exception.code];
      return {
        type,
        title: exception.title ?? TITLES[status] ?? 'Error',
        status,
        detail: exception.detail,
        ...(exception.errors ? { errors: exception.errors } : {}),
        ...(exception.reason ? { reason: exception.reason } : {}),
        ...base,
      };
    }
    // Nest's own refusals at the edge: guards, pipes, transport checks in controllers.
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const message = typeof body === 'string' ? body : (body as { message?: unknown }).message;
      const detail = Array.isArray(message)
        ? message.join('; ')
        : typeof message === 'string'
          ? message
          : exception.message;
      return { type: 'about:blank', title: TITLES[status] ?? 'Error', status, detail, ...base };
    }
    // Database refusals that slipped past validation are the caller's data, not our failure.
    const sqlState = (exception as { driverError?: { code?: unknown } })?.driverError?.code;
    if (typeof sqlState === 'string' && (sqlState.startsWith('22') || sqlState === '23505')) {
      const conflict = sqlState === '23505';
      return {
        type: 'about:blank',
        title: conflict ? 'Conflict' : 'Bad Request',
        status: conflict ? 409 : 400,
        detail: conflict ? 'the record conflicts with an existing one' : 'a value is not acceptable',
        ...base,
      };
    }
    // Fastify's own errors (malformed JSON, body too large, wrong content type) carry a statusCode.
    const statusCode = (exception as { statusCode?: unknown })?.statusCode;
    if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
      return {
        type: 'about:blank',
        title: TITLES[statusCode] ?? 'Bad Request',
        status: statusCode,
        detail: (exception as Error).message,
        ...(statusCode === 400 ? { errors: [{ field: 'body', message: (exception as Error).message }] } : {}),
        ...base,
      };
    }
    return {
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      detail: 'unexpected error',
      ...base,
    };
  }
}
