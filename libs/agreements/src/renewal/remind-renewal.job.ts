import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { TasksService } from '@kaf/visits';
import { CustomerDirectory } from '@kaf/customers';
import { DataSource } from 'typeorm';
import { RENEWAL_REMINDER_QUEUE } from '../agreements-queues';
import { shanghaiMidnight } from '@kaf/platform';
import { renewalTaskKey } from '../domain/renewal-schedule';
import { ServiceAgreementEntity } from '../service-agreement.entity';

export interface RemindRenewalJobData {
  agreementId: string;
  endDate: string;
  reminderDays: number;
}

interface RemindedRow {
  agreement_no: string;
  customer_id: string;
  manager_id: string;
  manager_staff_id: string;
}

/**
 * Fires on the reminder day: marks the agreement reminded and raises a renewal task for its
 * manager, in one transaction. Firing again, early, or for terms since changed does nothing.
 */
@Processor(RENEWAL_REMINDER_QUEUE, { concurrency: 4 })
export class RemindRenewalJob extends WorkerHost {
  private readonly logger = new Logger(RemindRenewalJob.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly tasks: TasksService,
    private readonly customers: CustomerDirectory,
  ) {
    super();
  }

  async process(job: Job<RemindRenewalJobData>): Promise<{ taskId: string | null }> {
    const { agreementId, endDate, reminderDays } = job.data;
    const taskId = await this.dataSource.transaction(async (tx) => {
      const result = await tx
        .createQueryBuilder()
        .update(ServiceAgreementEntity)
        .set({ renewalRemindedAt: () => 'now()' })
        .where('id = :agreementId', { agreementId })
        .andWhere('renewal_reminded_at IS NULL')
        .andWhere(`status = 'active'`)
        .andWhere('end_date = :endDate AND reminder_days = :reminderDays', { endDate, reminderDays })
        .andWhere(`end_date - reminder_days <= (now() AT TIME ZONE 'Asia/Shanghai')::date`)
        .returning('agreement_no, customer_id, manager_id, manager_staff_id')
        .execute();
      const row = (result.raw as RemindedRow[])[0];
      if (!row) return undefined;
      // A portfolio may have been handed over since the agreement was signed: remind whoever
      // holds the customer now, falling back to the agreement's manager.
      const holder = await this.customers.currentManager(row.customer_id, tx);
      return (
        (await this.tasks.createFromSource(tx, {
          sourceKey: renewalTaskKey({ agreementId, endDate }),
          source: 'renewal-reminder',
          customerId: row.customer_id,
          assigneeManagerId: holder?.managerId ?? row.manager_id,
          assigneeStaffId: holder?.managerStaffId ?? row.manager_staff_id,
          title: `Renew agreement ${row.agreement_no} ending ${endDate}`,
          dueAt: shanghaiMidnight(endDate),
        })) ?? null
      );
    });
    this.logger.log({
      msg:
        taskId === undefined
          ? 'renewal reminder not due, already sent, or for superseded terms'
          : taskId === null
            ? 'renewal reminder recorded; its task existed already'
            : 'renewal reminder sent',
      agreementId,
      endDate,
      taskId,
    });
    return { taskId: taskId ?? null };
  }
}
