import { plainToInstance } from 'class-transformer';
import { type ValidationError, validateSync } from 'class-validator';
import { BILLED_PRODUCTS, type BilledProduct } from '../domain/billed-products';
import { billingMonthProblem } from '../domain/billing-month';
import { quantityProblem, usageAmountProblem } from '../domain/usage-amount';
import { UsageEventDto } from './usage-event.dto';

/** A usage event that passed every check that needs no database. */
export interface UsageEvent {
  index: number;
  eventId: string;
  customerId: string;
  product: BilledProduct;
  billingMonth: string;
  occurredAt: string;
  amountFen: bigint;
  quantity: string | null;
  unit: string | null;
  supersedes: string | null;
}

export type ReadResult =
  | { ok: true; event: UsageEvent }
  | { ok: false; index: number; eventId: string | null; reason: string; problems: string[] };

/** Reads the batch element at `index`; a problem becomes a reason naming the fields at fault. */
export function readUsageEvent(raw: unknown, index: number, now: Date): ReadResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    const problems = ['event: must be a JSON object'];
    return { ok: false, index, eventId: null, reason: problems[0]!, problems };
  }
  const fast = readWellFormed(raw as Record<string, unknown>, index, now);
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
  if (problems.length > 0) return { ok: false, index, eventId, reason: problems.join('; '), problems };
  return {
    ok: true,
    event: {
      index,
      eventId: dto.eventId,
      customerId: dto.customerId.toLowerCase(),
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

const FIELDS = new Set([
  'eventId',
  'customerId',
  'product',
  'billingMonth',
  'occurredAt',
  'amountFen',
  'quantity',
  'unit',
  'supersedes',
]);
const PRODUCTS: ReadonlySet<string> = new Set(BILLED_PRODUCTS);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const DATE_TIME =
  /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,9})?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

/**
 * The same rules as the DTO, hand-written for the common case: an event that passes here passes
 * the DTO too (these checks are the DTO's or stricter), at a fraction of the cost of
 * class-validator, which matters at tens of thousands of events a second. Anything else, right or
 * wrong, goes the DTO's way, so the answers and reasons are the DTO's.
 */
function readWellFormed(raw: Record<string, unknown>, index: number, now: Date): UsageEvent | undefined {
  for (const key in raw) if (!FIELDS.has(key) || !Object.hasOwn(raw, key)) return undefined;
  const { eventId, customerId, product, billingMonth, occurredAt, amountFen, quantity, unit, supersedes } =
    raw;
  if (!shortText(eventId, 128) || typeof customerId !== 'string' || !UUID.test(customerId)) return undefined;
  if (typeof product !== 'string' || !PRODUCTS.has(product)) return undefined;
  if (typeof billingMonth !== 'string' || billingMonthProblem(billingMonth, now)) return undefined;
  if (typeof occurredAt !== 'string' || !validDateTime(occurredAt)) return undefined;
  if (typeof amountFen !== 'string' || usageAmountProblem(amountFen)) return undefined;
  if (quantity !== undefined && (typeof quantity !== 'string' || quantityProblem(quantity))) return undefined;
  if (unit !== undefined && !shortText(unit, 16)) return undefined;
  if (supersedes !== undefined && !shortText(supersedes, 128)) return undefined;
  return {
    index,
    eventId,
    customerId: customerId.toLowerCase(),
    product: product as BilledProduct,
    billingMonth,
    occurredAt,
    amountFen: BigInt(amountFen),
    quantity: quantity ?? null,
    unit: unit ?? null,
    supersedes: supersedes ?? null,
  };
}

function shortText(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= max;
}

/** RFC 3339 with a zone and a day that exists in its month. */
function validDateTime(value: string): boolean {
  const m = DATE_TIME.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function messages(error: ValidationError): string[] {
  return Object.values(error.constraints ?? {}).map((message) => `${error.property}: ${message}`);
}
