/** What the ledger already holds for one event id of the sending source. */
export interface LedgerEntry {
  eventId: string;
  supersededBy: string | null;
}

/** A well-formed event waiting for its verdict; `index` is its position in the batch. */
export interface PlannedEvent {
  index: number;
  eventId: string;
  customerId: string;
  supersedes: string | null;
}

export type EventVerdict =
  | { index: number; eventId: string; status: 'accepted' }
  | { index: number; eventId: string; status: 'duplicate' }
  | { index: number; eventId: string; status: 'rejected'; reason: string };

/** An original event and the correction that replaces it. */
export interface Supersession {
  original: string;
  by: string;
}

export interface BatchPlan<E extends PlannedEvent> {
  verdicts: EventVerdict[];
  accepted: E[];
  supersessions: Supersession[];
}

export interface PlanContext {
  /** Customers of this city among those the batch names. */
  knownCustomers: ReadonlySet<string>;
  /** Ledger rows of the source for every event id the batch names or supersedes. */
  ledger: ReadonlyMap<string, LedgerEntry>;
}

/**
 * Decides each event in batch order, as if the batch's events had arrived one by one: a re-sent
 * event is a duplicate, a correction must name an original that is still in force (in the ledger
 * or earlier in the batch), and an original can be replaced once only. Pure, so that the
 * database work that follows is set-based and the rules are testable without a database.
 */
export function planBatch<E extends PlannedEvent>(events: readonly E[], ctx: PlanContext): BatchPlan<E> {
  const inForce = new Map<string, string | null>();
  const lookup = (eventId: string): { supersededBy: string | null } | undefined => {
    if (inForce.has(eventId)) return { supersededBy: inForce.get(eventId) ?? null };
    return ctx.ledger.get(eventId);
  };
  const plan: BatchPlan<E> = { verdicts: [], accepted: [], supersessions: [] };
  for (const event of events) {
    const { index, eventId } = event;
    if (lookup(eventId)) {
      plan.verdicts.push({ index, eventId, status: 'duplicate' });
      continue;
    }
    const reason = rejection(event, ctx, lookup);
    if (reason) {
      plan.verdicts.push({ index, eventId, status: 'rejected', reason });
      continue;
    }
    if (event.supersedes) {
      inForce.set(event.supersedes, eventId);
      plan.supersessions.push({ original: event.supersedes, by: eventId });
    }
    inForce.set(eventId, null);
    plan.accepted.push(event);
    plan.verdicts.push({ index, eventId, status: 'accepted' });
  }
  return plan;
}

function rejection(
  event: PlannedEvent,
  ctx: PlanContext,
  lookup: (eventId: string) => { supersededBy: string | null } | undefined,
): string | undefined {
  if (!ctx.knownCustomers.has(event.customerId)) {
    return `customerId: ${event.customerId} is not a customer of this city`;
  }
  if (!event.supersedes) return undefined;
  const original = lookup(event.supersedes);
  if (!original) return `supersedes: no earlier event ${event.supersedes} from this source`;
  if (original.supersededBy !== null) {
    return `supersedes: event ${event.supersedes} is already superseded by ${original.supersededBy}`;
  }
  return undefined;
}
