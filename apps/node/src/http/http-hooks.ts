import type { FastifyInstance } from 'fastify';
import { Histogram } from 'prom-client';
import type { Logger as PinoLogger } from 'pino';
import {
  CORRELATION_HEADER,
  type MetricsRegistry,
  normaliseCorrelationId,
  runWithCorrelation,
} from '@kaf/observability';

/**
 * Gives every request a correlation id (the caller's, or a new one), echoes it back, makes it
 * visible to logs and outgoing messages, and records an access-log line and latency metric.
 */
export function installHttpHooks(
  fastify: FastifyInstance,
  logger: PinoLogger,
  metrics: MetricsRegistry,
): void {
  const latency = new Histogram({
    name: 'kaf_http_request_seconds',
    help: 'HTTP request latency by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [metrics.registry],
  });

  fastify.addHook('onRequest', (request, reply, done) => {
    const correlationId = normaliseCorrelationId(request.headers[CORRELATION_HEADER]);
    void reply.header(CORRELATION_HEADER, correlationId);
    runWithCorrelation({ correlationId }, done);
  });

  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const seconds = reply.elapsedTime / 1000;
    latency.observe({ method: request.method, route, status: String(reply.statusCode) }, seconds);
    if (!route.startsWith('/health') && route !== '/metrics') {
      logger.info({
        msg: 'http request',
        correlationId: reply.getHeader(CORRELATION_HEADER),
        method: request.method,
        url: request.url,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
      });
    }
    done();
  });
}
