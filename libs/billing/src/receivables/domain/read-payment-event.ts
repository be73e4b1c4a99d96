import { billingMonthProblem } from '../../domain/bookable-months';
import { PaymentEventDto } from './payment-event.dto';
import type { ReadEvent } from '../../events/read-event';
import {
  addProblem,
  calendarDayProblem,
  latestPaymentDay,
  readReceivable,
  receivableAmountProblem,
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
  return readReceivable(
    PaymentEventDto,
    raw,
    index,
    ({ dto, problems, correction }) => {
      addProblem(problems, 'amountFen', receivableAmountProblem(dto.amountFen, correction));
      const paid = calendarDayProblem(dto.paidOn);
      addProblem(problems, 'paidOn', paid);
      const latest = latestPaymentDay(now);
      if (!paid && dto.paidOn > latest) addProblem(problems, 'paidOn', `must not be after ${latest}`);
      if (dto.billingMonth !== undefined) {
        addProblem(problems, 'billingMonth', billingMonthProblem(dto.billingMonth, now));
      }
    },
    (dto) => ({
      index,
      eventId: dto.eventId,
      billingAccount: dto.billingAccount,
      amountFen: BigInt(dto.amountFen),
      paidOn: dto.paidOn,
      billingMonth: dto.billingMonth ?? null,
      supersedes: dto.supersedes ?? null,
    }),
  );
}
