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
    level: ctx.level ?? 'info',
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

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    // Nest passes (message, stack?, context?): the last string is the context.
    const context = typeof params[params.length - 1] === 'string' ? (params.pop() as string) : undefined;
    const stack = typeof params[0] === 'string' ? params[0] : undefined;
    this.emit('error', message, context, stack ? { stack } : {});
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    const context =
      typeof params[params.length - 1] === 'string' ? (params[params.length - 1] as string) : undefined;
    this.emit(level, message, context, {});
  }

  private emit(
    level: Level,
    message: unknown,
    context: string | undefined,
    extra: Record<string, unknown>,
  ): void {
    if (message instanceof Error) {
      this.root[level]({ context, err: message, ...extra }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.root[level]({ context, ...extra, ...(message as Record<string, unknown>) });
    } else {
      this.root[level]({ context, ...extra }, stringify(message));
    }
  }
}

type Level = 'error' | 'info' | 'warn' | 'debug' | 'trace' | 'fatal';

function stringify(message: unknown): string {
  if (message instanceof Error) return message.message;
  return typeof message === 'string' ? message : JSON.stringify(message);
}
