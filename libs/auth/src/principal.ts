import type { Role } from './roles';

/**
 * Who is calling, as proven by a verified token. Node and owner fields of a record come from
 * here, never from a request body.
 */
export interface Principal {
  /** Token subject: a staff id (account managers are matched on it) or a system's name. */
  subject: string;
  roles: readonly Role[];
  /** Node code the principal belongs to; it reaches that node's subtree. */
  nodeCode: string;
  /** Display name, when the token carries one (for audit readability only). */
  name?: string;
  /** Token id, when present. */
  tokenId?: string;
}
