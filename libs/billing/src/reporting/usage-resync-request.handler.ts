import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { type UsageResyncRequest, UsageResyncRequestSchema } from '@kaf/contracts';
import { FederatedHandlers, NODE_IDENTITY, type NodeIdentity } from '@kaf/federation';
import { type InboundMessage, OutboxWriter, PermanentMessageError } from '@kaf/messaging';
import { requireMonths } from '@kaf/platform';
import type { EntityManager } from 'typeorm';
import { usageReportMessages } from './reported-cell';
import { MonthlyUsageRepository } from '../monthly/monthly-usage.repository';
import { USAGE_REPORTING_OPTIONS, type UsageReportingOptions } from './usage-reporting.options';
import { UsageReportingMetrics } from './usage-reporting.metrics';

/**
 * The province asks for the cells of some months again (its copy was rebuilt, or reconciliation
 * found a gap). Every cell goes out at its current version; the province keeps the highest
 * version per cell, so whatever it already had is left as it is. The reporter's marks are not
 * touched: a cell still waiting is reported once more, which is equally harmless.
 */
@Injectable()
export class UsageResyncRequestHandler implements OnModuleInit {
  private readonly logger = new Logger(UsageResyncRequestHandler.name);

  constructor(
    private readonly handlers: FederatedHandlers,
    private readonly repository: MonthlyUsageRepository,
    private readonly outbox: OutboxWriter,
    private readonly metrics: UsageReportingMetrics,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
    @Inject(USAGE_REPORTING_OPTIONS) private readonly options: UsageReportingOptions,
  ) {}

  onModuleInit(): void {
    this.handlers.on(UsageResyncRequestSchema, 'parent', (request, message, tx) =>
      this.handle(request, message, tx),
    );
  }

  async handle(request: UsageResyncRequest, message: InboundMessage, tx: EntityManager): Promise<void> {
    const months = requireMonths(request.billingMonths, 'usage resync request', {
      refuseWith: PermanentMessageError,
    });
    if (request.cityCodes.length > 0 && !request.cityCodes.includes(this.identity.code)) return;
    let after: { month: string; customerId: string; product: string } | undefined;
    let cells = 0;
    let messages = 0;
    for (;;) {
      const rows = await this.repository.page(tx, months, after, this.options.cellsPerMessage);
      if (rows.length === 0) break;
      const batch = usageReportMessages(
        this.identity.code,
        message.source,
        rows,
        this.options.cellsPerMessage,
      );
      await this.outbox.writeMany(
        tx,
        batch.map((m) => ({ ...m, causationId: message.id })),
      );
      cells += rows.length;
      messages += batch.length;
      const last = rows[rows.length - 1]!;
      after = { month: last.billing_month, customerId: last.customer_id, product: last.product };
    }
    this.metrics.cellsReported.inc(cells);
    this.metrics.reportMessages.inc(messages);
    this.logger.log({
      msg: 'usage cells re-sent',
      requester: message.source,
      requestId: request.requestId,
      months,
      cells,
      messages,
    });
  }
}
