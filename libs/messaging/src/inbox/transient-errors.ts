/**
 * Errors that say nothing about the message itself (the database is restarting, a connection
 * dropped, a serialisation conflict). They never count towards dead-lettering: the message is
 * simply tried again once the infrastructure is back.
 */
const TRANSIENT_PG_CODES = new Set(['40001', '40P01', '53300', '57P01', '57P02', '57P03', '55P03']);
const TRANSIENT_NET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND']);

export function isTransientError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (code.startsWith('08') || TRANSIENT_PG_CODES.has(code) || TRANSIENT_NET_CODES.has(code)) return true;
  }
  const message = (error as { message?: unknown }).message;
  return (
    typeof message === 'string' &&
    /Connection terminated|connection is closed|timeout exceeded when trying to connect/i.test(message)
  );
}
