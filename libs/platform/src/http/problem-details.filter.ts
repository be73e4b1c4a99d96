import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { currentCorrelationId } from '@kaf/observability';

/** RFC 9457 problem details; `errors` names each offending field. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  correlationId?: string;
  errors?: FieldError[];
}

/** One invalid field; `line` locates it in an uploaded file (1-based, the header is line 1). */
export interface FieldError {
  field: string;
  message: string;
  line?: number;
}

export class FieldValidationException extends HttpException {
  constructor(
    readonly errors: FieldError[],
    readonly problem: { status?: 400 | 422; title?: string; detail?: string } = {},
  ) {
    super(
      { message: `invalid request: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}` },
      problem.status ?? HttpStatus.BAD_REQUEST,
    );
  }
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
  429: 'Too Many Requests',
  503: 'Service Unavailable',
};

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
    if (exception instanceof FieldValidationException) {
      return {
        type: 'https://kaf.example/problems/validation',
        title: exception.problem.title ?? 'Invalid request',
        status: exception.getStatus(),
        detail: exception.problem.detail ?? 'One or more fields are invalid.',
        errors: exception.errors,
        ...base,
      };
    }
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
