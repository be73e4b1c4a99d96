import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { create } from '@bufbuild/protobuf';
import {
  type UsageTotalsRequest,
  UsageTotalSchema,
  UsageTotalsReportSchema,
  UsageTotalsRequestSchema,
} from '@kaf/contracts';
import { FederatedHandlers, NODE_IDENTITY, type NodeIdentity } from '@kaf/federation';
import { type InboundMessage, OutboxWriter, PermanentMessageError } from '@kaf/messaging';
import { requireMonths } from '@kaf/platform';
import type { EntityManager } from 'typeorm';
import { MonthlyUsageRepository } from '../monthly/monthly-usage.repository';

/**
 * Reconciliation, pull side: the province asks what the city holds for some months and compares
 * it with its copy. The answer is the city's own ledger figures, read in the inbox transaction.
 */
@Injectable()
export class UsageTotalsRequestHandler implements OnModuleInit {
  constructor(
    private readonly handlers: FederatedHandlers,
    private readonly repository: MonthlyUsageRepository,
    private readonly outbox: OutboxWriter,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
  ) {}

  onModuleInit(): void {
    this.handlers.on(UsageTotalsRequestSchema, 'parent', (request, message, tx) =>
      this.handle(request, message, tx),
    );
  }

  async handle(request: UsageTotalsRequest, message: InboundMessage, tx: EntityManager): Promise<void> {
    const months = requireMonths(request.billingMonths, 'usage totals request', {
      refuseWith: PermanentMessageError,
    });
    const totals = await this.repository.totals(tx, months);
    await this.outbox.write(tx, {
      schema: UsageTotalsReportSchema,
      payload: create(UsageTotalsReportSchema, {
        requestId: request.requestId,
        reporter: this.identity.code,
        billingMonths: months,
        totals: totals.map((t) =>
          create(UsageTotalSchema, {
            cityCode: this.identity.code,
            billingMonth: t.billing_month,
            revenueFen: BigInt(t.revenue_fen),
            eventCount: BigInt(t.event_count),
            cells: BigInt(t.cells),
          }),
        ),
      }),
      target: message.source,
      key: this.identity.code,
      causationId: message.id,
    });
  }
}
