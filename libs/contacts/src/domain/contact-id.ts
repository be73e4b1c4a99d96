import { randomBytes } from 'node:crypto';

/**
 * A time-ordered RFC 9562 UUIDv7 for a new contact. Minted here rather than taken from the
 * messaging lib, which this lib must not import (contacts never publish).
 */
export function newContactId(now: number = Date.now()): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = 0x70 | (bytes[6]! & 0x0f);
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
