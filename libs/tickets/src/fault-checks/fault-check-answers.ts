import type { FaultCheckResult } from '@kaf/one-stop';
import type { TicketFaultCheckEntity } from './ticket-fault-check.entity';

/** One answer as it arrives from the node. */
export interface FaultCheckAnswer {
  result: FaultCheckResult;
  at: Date;
  engineer: string;
  note: string;
}

/** What the ticket should do after an answer was applied to its checks. */
export type TicketStep =
  /** The first found: the ticket moves on to inProgress (or gets a note if it already has). */
  | { kind: 'found'; nodeCode: string }
  /** Every check answered notFound: a note, the ticket stays with its owner. */
  | { kind: 'nothingFound' }
  /** Every check that found the fault has restored it: the ticket is restored at `at`. */
  | { kind: 'restored'; at: Date }
  | { kind: 'note' }
  /** A duplicate, or an answer to a check no longer waiting for it: nothing changes. */
  | { kind: 'none' };

/**
 * Applies `answer` to `check` (mutating it) and says what the ticket does next, from the
 * ticket's `checks` of the same round (the applied one among them; earlier rounds are history
 * and count for nothing). An answer the check is past changes nothing, so a redelivered answer,
 * or one after the ticket ended, is counted once.
 */
export function applyAnswer(
  check: TicketFaultCheckEntity,
  checks: readonly TicketFaultCheckEntity[],
  answer: FaultCheckAnswer,
): TicketStep {
  const round = checks.filter((c) => c.round === check.round);
  const waiting = check.state === 'sent' || check.state === 'overdue';
  const note = answer.note.trim() || null;
  if (answer.result === 'found' || answer.result === 'notFound') {
    if (!waiting) return { kind: 'none' };
    check.state = answer.result;
    check.found = answer.result === 'found';
  } else {
    if (!waiting && check.state !== 'found') return { kind: 'none' };
    check.state = 'restored';
    check.found = true;
    check.restoredAt = answer.at;
  }
  check.answeredAt ??= answer.at;
  check.note = note;
  check.answeredBy = answer.engineer || null;
  if (answer.result === 'found') {
    const firstFound = round.every((c) => c === check || (c.state !== 'found' && c.state !== 'restored'));
    return firstFound ? { kind: 'found', nodeCode: check.nodeCode } : { kind: 'note' };
  }
  if (answer.result === 'notFound') {
    return round.every((c) => c.state === 'notFound') ? { kind: 'nothingFound' } : { kind: 'note' };
  }
  const stillFound = round.some((c) => c.state === 'found');
  if (stillFound) return { kind: 'note' };
  const at = new Date(Math.max(...round.filter((c) => c.restoredAt).map((c) => c.restoredAt!.getTime())));
  return { kind: 'restored', at };
}
