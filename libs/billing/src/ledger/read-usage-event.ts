import { plainToInstance } from 'class-transformer';
import { type ValidationError, validateSync } from 'class-validator';
import type { BilledProduct } from '../domain/billed-products';
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
  { ok: true; event: UsageEvent } | { ok: false; index: number; eventId: string | null; reason: string };

/** Reads the batch element at `index`; a problem becomes a reason naming the fields at fault. */
export function readUsageEvent(raw: unknown, index: number, now: Date): ReadResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, index, eventId: null, reason: 'event: must be a JSON object' };
  }
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
  if (problems.length > 0) return { ok: false, index, eventId, reason: problems.join('; ') };
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

function messages(error: ValidationError): string[] {
  return Object.values(error.constraints ?? {}).map((message) => `${error.property}: ${message}`);
}
