import { plainToInstance } from 'class-transformer';
import { type ValidationError, validateSync } from 'class-validator';
import { BILLED_PRODUCTS, type BilledProduct } from '../domain/billed-products';
import { ACCOUNT_NUMBER } from '@kaf/billing-accounts';
import type { Holder } from '../events/billing-event-kind';
import type { ReadEvent } from '../events/read-event';
import { isBillingMonth } from '@kaf/platform';
import { billingMonthProblem, FIRST_BILLING_MONTH, latestBookableMonth } from '../domain/bookable-months';
import { MAX_USAGE_AMOUNT_FEN, quantityProblem, usageAmountProblem } from '../domain/usage-amount';
import { UsageEventDto } from './usage-event.dto';

/** A usage event that passed every check that needs no database. */
export interface UsageEvent {
  index: number;
  eventId: string;
  /** The customer, when the event names it; otherwise the booking finds it from `billingAccount`. */
  customerId: string | null;
  /** The billing system's account number, when the event names the account instead of the customer. */
  billingAccount: string | null;
  product: BilledProduct;
  billingMonth: string;
  occurredAt: string;
  amountFen: bigint;
  quantity: string | null;
  unit: string | null;
  supersedes: string | null;
}

export type ReadResult = ReadEvent<UsageEvent>;

/** A usage event with its customer found (named by the event, or its account's holder). */
export type BookableUsageEvent = UsageEvent & Holder;

/** Reads the batch element at `index`; a problem becomes a reason naming the fields at fault. */
export function readUsageEvent(raw: unknown, index: number, now: Date): ReadResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    const problems = ['event: must be a JSON object'];
    return { ok: false, index, eventId: null, reason: problems[0]!, problems };
  }
  const fast = readWellFormed(
    raw as Record<string, unknown>,
    (raw as Record<string, unknown>).eventId,
    true,
    index,
    now,
  );
  if (fast) return { ok: true, event: fast };
  const claimedId = (raw as Record<string, unknown>).eventId;
  const eventId = typeof claimedId === 'string' ? claimedId : null;
  const dto = plainToInstance(UsageEventDto, raw);
  const problems = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true }).flatMap(messages);
  const month = billingMonthProblem(dto.billingMonth, now);
  if (month && !problems.some((p) => p.startsWith('billingMonth:'))) problems.push(`billingMonth: ${month}`);
  const amount = typeof dto.amountFen === 'string' ? usageAmountProblem(dto.amountFen) : undefined;
  if (amount) problems.push(`amountFen: ${amount}`);
  const quantity = typeof dto.quantity === 'string' ? quantityProblem(dto.quantity) : undefined;
  if (quantity) problems.push(`quantity: ${quantity}`);
  if (dto.customerId !== undefined && dto.billingAccount !== undefined) {
    problems.push('billingAccount: send either customerId or billingAccount, not both');
  }
  if (problems.length > 0) return { ok: false, index, eventId, reason: problems.join('; '), problems };
  return {
    ok: true,
    event: {
      index,
      eventId: dto.eventId,
      customerId: dto.customerId?.toLowerCase() ?? null,
      billingAccount: dto.billingAccount ?? null,
      product: dto.product,
      billingMonth: dto.billingMonth,
      occurredAt: dto.occurredAt,
      amountFen: BigInt(dto.amountFen),
      quantity: dto.quantity ?? null,
      unit: dto.unit ?? null,
      supersedes: dto.supersedes ?? null,
    },
  };
}

const PRODUCTS: ReadonlySet<string> = new Set(BILLED_PRODUCTS);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
/** Years from 1000 and zone offsets up to ±14:59 (real zones stay within ±14:00; PostgreSQL's timestamptz refuses ±16:00). */
const DATE_TIME =
  /^[1-9]\d{3}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,9})?(?:Z|[+-](?:0\d|1[0-4]):[0-5]\d)$/;
/** `usageAmountProblem`'s shape; at most 13 digits is within its bounds without a comparison. */
const SIGNED_FEN = /^(?:0|-?[1-9]\d{0,13})$/;
const SHORT_FEN = /^-?\d{1,13}$/;

/**
 * The usage event of a CloudEvent (`data`, with the event id beside it rather than in it) when it
 * passes the quick path; undefined sends it the DTO's way (`readUsageEvent` of the object the
 * REST door would have received), for the DTO's answer and reasons.
 */
export function readWellFormedData(
  data: object,
  eventId: string,
  index: number,
  now: Date,
): UsageEvent | undefined {
  return readWellFormed(data as Record<string, unknown>, eventId, false, index, now);
}

/** The DTO's fields; `eventId` only where the event carries its own id. */
function knownField(key: string, withEventId: boolean): boolean {
  switch (key) {
    case 'customerId':
    case 'billingAccount':
    case 'product':
    case 'billingMonth':
    case 'occurredAt':
    case 'amountFen':
    case 'quantity':
    case 'unit':
    case 'supersedes':
      return true;
    case 'eventId':
      return withEventId;
    default:
      return false;
  }
}

/**
 * The same rules as the DTO, hand-written for the common case: an event that passes here passes
 * the DTO too (these checks are the DTO's or stricter), at a fraction of the cost of
 * class-validator, which matters at tens of thousands of events a second. Anything else, right or
 * wrong, goes the DTO's way, so the answers and reasons are the DTO's.
 */
function readWellFormed(
  raw: Record<string, unknown>,
  eventId: unknown,
  withEventId: boolean,
  index: number,
  now: Date,
): UsageEvent | undefined {
  for (const key in raw) if (!knownField(key, withEventId) || !Object.hasOwn(raw, key)) return undefined;
  const {
    customerId,
    billingAccount,
    product,
    billingMonth,
    occurredAt,
    amountFen,
    quantity,
    unit,
    supersedes,
  } = raw;
  if (!shortText(eventId, 128)) return undefined;
  if (billingAccount === undefined) {
    if (typeof customerId !== 'string' || !UUID.test(customerId)) return undefined;
  } else if (
    customerId !== undefined ||
    typeof billingAccount !== 'string' ||
    !ACCOUNT_NUMBER.test(billingAccount)
  )
    return undefined;
  if (typeof product !== 'string' || !PRODUCTS.has(product)) return undefined;
  if (!bookableMonth(billingMonth, now)) return undefined;
  if (typeof occurredAt !== 'string' || !validDateTime(occurredAt)) return undefined;
  const fen = amountOf(amountFen);
  if (fen === undefined) return undefined;
  if (quantity !== undefined && (typeof quantity !== 'string' || quantityProblem(quantity))) return undefined;
  if (unit !== undefined && !shortText(unit, 16)) return undefined;
  if (supersedes !== undefined && !shortText(supersedes, 128)) return undefined;
  return {
    index,
    eventId,
    customerId: typeof customerId === 'string' ? customerId.toLowerCase() : null,
    billingAccount: billingAccount ?? null,
    product: product as BilledProduct,
    billingMonth,
    occurredAt,
    amountFen: fen,
    quantity: quantity ?? null,
    unit: unit ?? null,
    supersedes: supersedes ?? null,
  };
}

let latestFor = Number.NaN;
let latest = '';

/** `billingMonthProblem` finds nothing; the latest month is worked out once per `now`. */
function bookableMonth(value: unknown, now: Date): value is string {
  if (!isBillingMonth(value)) return false;
  if (now.getTime() !== latestFor) {
    latest = latestBookableMonth(now);
    latestFor = now.getTime();
  }
  return value >= FIRST_BILLING_MONTH && value <= latest;
}

/** The amount when `usageAmountProblem` finds nothing, parsed once. */
function amountOf(value: unknown): bigint | undefined {
  if (typeof value !== 'string' || !SIGNED_FEN.test(value)) return undefined;
  const amount = BigInt(value);
  if (SHORT_FEN.test(value)) return amount;
  return amount > MAX_USAGE_AMOUNT_FEN || -amount > MAX_USAGE_AMOUNT_FEN ? undefined : amount;
}

function shortText(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= max;
}

/** RFC 3339 with a zone and a day that exists in its month. */
function validDateTime(value: string): boolean {
  if (!DATE_TIME.test(value)) return false;
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 2);
  const day = digits(value, 8, 2);
  return day <= daysIn(year, month);
}

function digits(value: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) n = n * 10 + value.charCodeAt(i) - 48;
  return n;
}

/** Days of the month as `Date.UTC` counts them (which reads years 0–99 as 1900–1999). */
function daysIn(year: number, month: number): number {
  if (month !== 2) return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  const y = year < 100 ? year + 1900 : year;
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
}

function messages(error: ValidationError): string[] {
  return Object.values(error.constraints ?? {}).map((message) => `${error.property}: ${message}`);
}
