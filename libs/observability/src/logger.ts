import type { LoggerService } from '@nestjs/common';
import pino from 'pino';
import type { Logger as PinoLogger } from 'pino';
import { currentCorrelationId } from './correlation';

export interface LogContext {
  nodeCode?: string;
  tier?: string;
  level?: string;
}

/**
 * One JSON line per event on stdout. Every line carries the node identity and, when there is
 * one, the correlation id of the request or message being handled.
 */
export function createRootLogger(ctx: LogContext = {}): PinoLogger {
  return pino({
    level: ctx.level ?? process.env.LOG_LEVEL ?? 'info',
    base: { node: ctx.nodeCode, tier: ctx.tier },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin() {
      const correlationId = currentCorrelationId();
      return correlationId ? { correlationId } : {};
    },
  });
}

/** Adapts pino to Nest's LoggerService so framework logs are JSON too. */
export class JsonLogger implements LoggerService {
  constructor(private readonly root: PinoLogger) {}

  log(message: unknown, context?: string): void {
    this.write('info', message, context);
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.root.error({ context, trace }, stringify(message));
  }
  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string): void {
    this.write('trace', message, context);
  }
  fatal(message: unknown, context?: string): void {
    this.write('fatal', message, context);
  }

  private write(level: 'info' | 'warn' | 'debug' | 'trace' | 'fatal', message: unknown, context?: string): void {
    if (typeof message === 'object' && message !== null) {
      this.root[level]({ context, ...(message as Record<string, unknown>) });
    } else {
      this.root[level]({ context }, stringify(message));
    }
  }
}

function stringify(message: unknown): string {
  if (message instanceof Error) return message.message;
  return typeof message === 'string' ? message : JSON.stringify(message);
}
