import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { create } from '@bufbuild/protobuf';
import {
  type UsageTotalsRequest,
  UsageTotalsRequestSchema,
  UsageTotalSchema,
  UsageTotalsReportSchema,
} from '@kaf/contracts';
import { FederatedHandlers, NODE_IDENTITY, type NodeIdentity } from '@kaf/federation';
import { type InboundMessage, OutboxWriter, PermanentMessageError } from '@kaf/messaging';
import { requireMonths } from '@kaf/platform';
import type { EntityManager } from 'typeorm';
import { UsageSliceRepository } from './usage-slice.repository';

/**
 * The national node asks for the province's totals of some months (reconciliation): one line per
 * city and month of the slices the province holds, as last built and sent.
 */
@Injectable()
export class UsageTotalsRequestHandler implements OnModuleInit {
  constructor(
    private readonly handlers: FederatedHandlers,
    private readonly store: UsageSliceRepository,
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
    const totals = await this.store.totals(tx, months);
    await this.outbox.write(tx, {
      schema: UsageTotalsReportSchema,
      payload: create(UsageTotalsReportSchema, {
        requestId: request.requestId,
        reporter: this.identity.code,
        billingMonths: months,
        totals: totals.map((t) =>
          create(UsageTotalSchema, {
            cityCode: t.cityCode,
            billingMonth: t.billingMonth,
            revenueFen: BigInt(t.revenueFen),
            eventCount: BigInt(t.eventCount),
            cells: BigInt(t.cells),
          }),
        ),
      }),
      target: message.source,
      key: request.requestId || message.id,
      causationId: message.id,
    });
  }
}
