import { Injectable, Logger } from '@nestjs/common';
import { CustomerDirectory } from '@kaf/customers';
import { type DeadlineKind, type DeadlineOutcome, type OpenDeadline, shanghaiMidnight } from '@kaf/platform';
import { TasksService } from '@kaf/visits';
import { DataSource } from 'typeorm';
import {
  type ReminderTerms,
  reminderFireAt,
  reminderTermsOf,
  renewalDeadlineId,
  renewalTaskKey,
} from '../domain/renewal-schedule';
import { ServiceAgreementEntity } from '../service-agreement.entity';

/**
 * The renewal reminder of one agreement's terms, a durable deadline (ADR 0046, on ADR 0013): on
 * the reminder day, in one transaction with the agreement locked, an active agreement not yet
 * reminded under these very terms is marked reminded and its manager gets a renewal task. The
 * mark decides: firing again, or for terms since changed, does nothing, so each reminder fires once.
 */
@Injectable()
export class RenewalReminderChecker implements DeadlineKind {
  private readonly logger = new Logger(RenewalReminderChecker.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly tasks: TasksService,
    private readonly customers: CustomerDirectory,
  ) {}

  /** Active agreements not yet reminded (the partial index covers them), due on their reminder day. */
  async listOpen(after: string, limit: number): Promise<OpenDeadline[]> {
    const rows: { id: string; end_date: string; reminder_days: number }[] = await this.dataSource.query(
      `SELECT id, end_date::text AS end_date, reminder_days
         FROM service_agreement
        WHERE status = 'active' AND renewal_reminded_at IS NULL AND id > $1
        ORDER BY id
        LIMIT $2`,
      [reminderTermsOf(after)?.agreementId ?? '00000000-0000-0000-0000-000000000000', limit],
    );
    return rows.map((row) => {
      const terms = { agreementId: row.id, endDate: row.end_date, reminderDays: row.reminder_days };
      return { id: renewalDeadlineId(terms), dueAt: reminderFireAt(terms) };
    });
  }

  async check(id: string, now: Date): Promise<DeadlineOutcome> {
    // An id naming no terms is a job of an older release: the reconciler armed its successor.
    const terms = reminderTermsOf(id);
    if (!terms) return { kind: 'done' };
    let taskId: string | null | undefined;
    const outcome = await this.dataSource.transaction(async (tx): Promise<DeadlineOutcome> => {
      const row = await tx
        .getRepository(ServiceAgreementEntity)
        .createQueryBuilder('a')
        .where('a.id = :id', { id: terms.agreementId })
        .setLock('pessimistic_write')
        .getOne();
      if (!row || row.status !== 'active' || row.renewalRemindedAt || !sameTerms(row, terms)) {
        return { kind: 'done' };
      }
      const fireAt = reminderFireAt(terms);
      if (fireAt.getTime() > now.getTime()) return { kind: 'notDue', at: fireAt };
      await tx
        .createQueryBuilder()
        .update(ServiceAgreementEntity)
        .set({ renewalRemindedAt: () => 'now()' })
        .where('id = :id', { id: row.id })
        .execute();
      // A portfolio may have been handed over since the agreement was signed: remind whoever
      // holds the customer now, falling back to the agreement's manager.
      const holder = await this.customers.currentManager(row.customerId, tx);
      taskId =
        (await this.tasks.createFromSource(tx, {
          sourceKey: renewalTaskKey(terms),
          source: 'renewal-reminder',
          customerId: row.customerId,
          assigneeManagerId: holder?.managerId ?? row.managerId,
          assigneeStaffId: holder?.managerStaffId ?? row.managerStaffId,
          title: `Renew agreement ${row.agreementNo} ending ${terms.endDate}`,
          dueAt: shanghaiMidnight(terms.endDate),
        })) ?? null;
      return { kind: 'done' };
    });
    if (taskId !== undefined) {
      this.logger.log({
        msg:
          taskId === null ? 'renewal reminder recorded; its task existed already' : 'renewal reminder sent',
        agreementId: terms.agreementId,
        endDate: terms.endDate,
        taskId,
      });
    }
    return outcome;
  }
}

function sameTerms(row: ServiceAgreementEntity, terms: ReminderTerms): boolean {
  return row.endDate === terms.endDate && row.reminderDays === terms.reminderDays;
}
