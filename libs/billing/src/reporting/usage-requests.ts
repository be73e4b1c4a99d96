import type { NodeIdentity } from '@kaf/federation';
import { type InboundMessage, PermanentMessageError } from '@kaf/messaging';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const MAX_MONTHS = 120;

/** Usage figures are asked for by the parent province only; anything else is refused for good. */
export function assertFromParent(identity: NodeIdentity, message: InboundMessage, what: string): void {
  if (!identity.parentCode || message.source !== identity.parentCode) {
    throw new PermanentMessageError(
      `${what} from ${message.source}, which is not the parent of ${identity.code}`,
    );
  }
}

/** The requested months, distinct and sorted; a malformed list is refused for good. */
export function requestedMonths(months: readonly string[], what: string): string[] {
  const bad = months.find((m) => !MONTH.test(m));
  if (bad !== undefined)
    throw new PermanentMessageError(`${what}: billing month ${JSON.stringify(bad)} is not YYYY-MM`);
  const distinct = [...new Set(months)].sort();
  if (distinct.length === 0 || distinct.length > MAX_MONTHS) {
    throw new PermanentMessageError(
      `${what}: asks for ${distinct.length} billing months (1 to ${MAX_MONTHS})`,
    );
  }
  return distinct;
}
