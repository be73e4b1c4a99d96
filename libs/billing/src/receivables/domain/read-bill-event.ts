import { billingMonthProblem } from '../../domain/bookable-months';
import { BillEventDto } from './bill-event.dto';
import type { ReadEvent } from '../../events/read-event';
import { addProblem, calendarDayProblem, readReceivable, receivableAmountProblem } from './receivable-fields';

/** A bill event that passed every check that needs no database. */
export interface BillEvent {
  index: number;
  eventId: string;
  billingAccount: string;
  billingMonth: string;
  amountDueFen: bigint;
  dueDate: string;
  issuedAt: string | null;
  supersedes: string | null;
}

/**
 * Reads the batch element at `index` as a bill, with the usage reader's contract: a problem
 * becomes a reason naming the fields at fault. The month is bookable as usage's; the due date is
 * a day that exists and not before its month begins.
 */
export function readBillEvent(raw: unknown, index: number, now: Date): ReadEvent<BillEvent> {
  return readReceivable(
    BillEventDto,
    raw,
    index,
    ({ dto, problems, correction }) => {
      const month = billingMonthProblem(dto.billingMonth, now);
      addProblem(problems, 'billingMonth', month);
      addProblem(problems, 'amountDueFen', receivableAmountProblem(dto.amountDueFen, correction));
      const due = calendarDayProblem(dto.dueDate);
      addProblem(problems, 'dueDate', due);
      if (!due && !month && dto.dueDate < `${dto.billingMonth}-01`) {
        addProblem(problems, 'dueDate', `must not be before its billing month ${dto.billingMonth} begins`);
      }
    },
    (dto) => ({
      index,
      eventId: dto.eventId,
      billingAccount: dto.billingAccount,
      billingMonth: dto.billingMonth,
      amountDueFen: BigInt(dto.amountDueFen),
      dueDate: dto.dueDate,
      issuedAt: dto.issuedAt ?? null,
      supersedes: dto.supersedes ?? null,
    }),
  );
}
