import { uuidv7 } from '@kaf/platform';
import type { BookableUsageEvent } from './read-usage-event';

/** The insert's columns after the source, each a PostgreSQL array literal. */
export interface LedgerColumns {
  ids: string;
  eventIds: string;
  customerIds: string;
  products: string;
  billingMonths: string;
  occurredAt: string;
  amountsFen: string;
  quantities: string;
  units: string;
  supersedes: string;
}

const LOW_BITS = 2 ** 48;

/**
 * Row ids of a batch: one UUIDv7 minted for the batch, its last 48 random bits counted up per row
 * (RFC 9562's monotonic random), so the ids stay unique and ordered by time at the cost of one
 * random draw per batch instead of one per row.
 */
export function batchIds(): (i: number) => string {
  const first = uuidv7();
  const head = first.slice(0, 24);
  const low = Number.parseInt(first.slice(24), 16);
  return (i) => head + ((low + i) % LOW_BITS).toString(16).padStart(12, '0');
}

/**
 * The events as array literals, built in one pass. The driver would otherwise quote and escape
 * every element of eleven arrays; here only free text (event ids, units) is quoted, because the
 * other columns were read against shapes (UUID, product name, YYYY-MM, RFC 3339, decimal) that
 * hold no separator, quote, backslash or blank and can never spell NULL.
 */
export function ledgerColumns(events: readonly BookableUsageEvent[]): LedgerColumns {
  const id = batchIds();
  const ids: string[] = [];
  const eventIds: string[] = [];
  const customerIds: string[] = [];
  const products: string[] = [];
  const months: string[] = [];
  const occurredAt: string[] = [];
  const amounts: string[] = [];
  const quantities: string[] = [];
  const units: string[] = [];
  const supersedes: string[] = [];
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    ids.push(id(i));
    eventIds.push(quoted(e.eventId));
    customerIds.push(e.customerId);
    products.push(e.product);
    months.push(e.billingMonth);
    occurredAt.push(e.occurredAt);
    amounts.push(e.amountFen.toString());
    quantities.push(e.quantity ?? 'NULL');
    units.push(e.unit === null ? 'NULL' : quoted(e.unit));
    supersedes.push(e.supersedes === null ? 'NULL' : quoted(e.supersedes));
  }
  return {
    ids: literal(ids),
    eventIds: literal(eventIds),
    customerIds: literal(customerIds),
    products: literal(products),
    billingMonths: literal(months),
    occurredAt: literal(occurredAt),
    amountsFen: literal(amounts),
    quantities: literal(quantities),
    units: literal(units),
    supersedes: literal(supersedes),
  };
}

const SPECIAL = /["\\]/g;

/** An array element in double quotes, with quotes and backslashes escaped. */
function quoted(value: string): string {
  return `"${value.includes('"') || value.includes('\\') ? value.replace(SPECIAL, '\\$&') : value}"`;
}

function literal(elements: readonly string[]): string {
  return `{${elements.join(',')}}`;
}
