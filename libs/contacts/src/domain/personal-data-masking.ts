/**
 * Masks for personal data shown where the full value is not needed: ID numbers on every read,
 * and mobile, email and ID number in the audit log.
 */

/** Keeps the first 4 and last 4 characters: `4403**********123X`. */
export function maskIdNumber(id: string): string {
  if (id.length <= 8) return '*'.repeat(id.length);
  return `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}

/** Keeps the carrier prefix and the last 4 digits: `138****1234`. */
export function maskMobile(mobile: string): string {
  if (mobile.length <= 7) return '*'.repeat(mobile.length);
  return `${mobile.slice(0, 3)}${'*'.repeat(mobile.length - 7)}${mobile.slice(-4)}`;
}

/** Keeps the first character of the mailbox and the domain: `z***@example.com`. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

/** Keeps the first character of a person's name: `张**`. */
export function maskName(name: string): string {
  const [first = ''] = [...name];
  return `${first}${'*'.repeat(Math.max(1, [...name].length - 1))}`;
}
