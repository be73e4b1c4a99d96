/**
 * Errors that say nothing about the message itself (the database is restarting or overloaded, a
 * connection dropped, a serialisation conflict, a timeout). They never count towards
 * dead-lettering: the message is simply tried again once the infrastructure is back.
 */
const TRANSIENT_PG_CODES = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '53000', // insufficient_resources
  '53100', // disk_full
  '53200', // out_of_memory
  '53300', // too_many_connections
  '55P03', // lock_not_available
  '57014', // query_canceled (statement or lock timeout)
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '58000', // system_error
  '58030', // io_error
]);
const TRANSIENT_NET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
const TRANSIENT_MESSAGES =
  /Connection terminated|connection is closed|timeout exceeded when trying to connect|Client has encountered a connection error|Cannot use a pool after calling end|Query read timeout/i;

export function isTransientError(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 5) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (code.startsWith('08') || TRANSIENT_PG_CODES.has(code) || TRANSIENT_NET_CODES.has(code)) return true;
  }
  const message = (error as { message?: unknown }).message;
  if (typeof message === 'string' && TRANSIENT_MESSAGES.test(message)) return true;
  // TypeORM and our own wrappers keep the driver's error as `cause` or `driverError`.
  const inner = error as { cause?: unknown; driverError?: unknown };
  return isTransientError(inner.driverError, depth + 1) || isTransientError(inner.cause, depth + 1);
}
