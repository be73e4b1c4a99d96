import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { billingMonthProblem } from '../../domain/bookable-months';
import { PaymentEventDto } from './payment-event.dto';
import type { ReadEvent } from '../../events/read-event';
import {
  addProblem,
  calendarDayProblem,
  latestPaymentDay,
  receivableAmountProblem,
  validationMessages,
} from './receivable-fields';

/** A payment event that passed every check that needs no database. */
export interface PaymentEvent {
  index: number;
  eventId: string;
  billingAccount: string;
  amountFen: bigint;
  paidOn: string;
  /** The month of the bill it settles; null: the oldest open bills. */
  billingMonth: string | null;
  supersedes: string | null;
}

/**
 * Reads the batch element at `index` as a payment, with the usage reader's contract. A payment is
 * dated on a day that exists, not after tomorrow in Shanghai; the month it names is bookable as
 * usage's.
 */
export function readPaymentEvent(raw: unknown, index: number, now: Date): ReadEvent<PaymentEvent> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    const problems = ['event: must be a JSON object'];
    return { ok: false, index, eventId: null, reason: problems[0]!, problems };
  }
  const claimedId = (raw as Record<string, unknown>).eventId;
  const eventId = typeof claimedId === 'string' ? claimedId : null;
  const dto = plainToInstance(PaymentEventDto, raw);
  const problems = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true }).flatMap(
    validationMessages,
  );
  const correction = typeof dto.supersedes === 'string' && dto.supersedes.length > 0;
  addProblem(problems, 'amountFen', receivableAmountProblem(dto.amountFen, correction));
  const paid = calendarDayProblem(dto.paidOn);
  addProblem(problems, 'paidOn', paid);
  const latest = latestPaymentDay(now);
  if (!paid && dto.paidOn > latest) addProblem(problems, 'paidOn', `must not be after ${latest}`);
  if (dto.billingMonth !== undefined) {
    addProblem(problems, 'billingMonth', billingMonthProblem(dto.billingMonth, now));
  }
  if (problems.length > 0) return { ok: false, index, eventId, reason: problems.join('; '), problems };
  return {
    ok: true,
    event: {
      index,
      eventId: dto.eventId,
      billingAccount: dto.billingAccount,
      amountFen: BigInt(dto.amountFen),
      paidOn: dto.paidOn,
      billingMonth: dto.billingMonth ?? null,
      supersedes: dto.supersedes ?? null,
    },
  };
}
