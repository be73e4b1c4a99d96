import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { create } from '@bufbuild/protobuf';
import {
  type FiguresResyncRequest,
  FiguresResyncRequestSchema,
  FiguresTotalsReportSchema,
  type FiguresTotalsRequest,
  FiguresTotalsRequestSchema,
  FiguresTotalsSchema,
} from '@kaf/contracts';
import {
  FederatedHandlers,
  NODE_IDENTITY,
  type NodeIdentity,
  TOPOLOGY,
  type Topology,
} from '@kaf/federation';
import { type InboundMessage, OutboxWriter, PermanentMessageError } from '@kaf/messaging';
import { requireMonths } from '@kaf/platform';
import type { EntityManager } from 'typeorm';
import { citiesOf } from '../cities-of';
import { UpwardFigures } from '../upward-figures';
import { UpwardFiguresMetrics } from '../upward-figures.metrics';
import type { FiguresSource } from './figures-source';
import { figuresMessages } from './report-messages';

/**
 * The parent's questions about a measure this node reports, answered in the inbox transaction:
 * its totals of some months (reconciliation), and the cells of some months and cities again
 * (resync). Only the parent may ask; a measure this node does not report, a malformed month or a
 * city outside this node's subtree refuses the message.
 */
@Injectable()
export class FiguresRequestsHandler implements OnModuleInit {
  private readonly logger = new Logger(FiguresRequestsHandler.name);

  constructor(
    private readonly handlers: FederatedHandlers,
    private readonly figures: UpwardFigures,
    private readonly outbox: OutboxWriter,
    private readonly metrics: UpwardFiguresMetrics,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
    @Inject(TOPOLOGY) private readonly topology: Topology,
  ) {}

  onModuleInit(): void {
    this.handlers.on(FiguresTotalsRequestSchema, 'parent', (request, message, tx) =>
      this.totals(request, message, tx),
    );
    this.handlers.on(FiguresResyncRequestSchema, 'parent', (request, message, tx) =>
      this.resync(request, message, tx),
    );
  }

  async totals(request: FiguresTotalsRequest, message: InboundMessage, tx: EntityManager): Promise<void> {
    const source = this.sourceOf(request.measure);
    const months = requireMonths(request.billingMonths, `${request.measure} totals request`, {
      refuseWith: PermanentMessageError,
    });
    const lines = await source.totals(tx, months);
    await this.outbox.write(tx, {
      schema: FiguresTotalsReportSchema,
      payload: create(FiguresTotalsReportSchema, {
        measure: source.measure.name,
        requestId: request.requestId,
        reporter: this.identity.code,
        billingMonths: months,
        lines: lines.map((l) =>
          create(FiguresTotalsSchema, {
            cityCode: l.cityCode,
            billingMonth: l.billingMonth,
            figures: { ...l.figures },
          }),
        ),
      }),
      target: message.source,
      key: `${source.measure.name}:${request.requestId || message.id}`,
      causationId: message.id,
    });
  }

  async resync(request: FiguresResyncRequest, message: InboundMessage, tx: EntityManager): Promise<void> {
    const source = this.sourceOf(request.measure);
    const measure = source.measure.name;
    const billingMonths = requireMonths(request.billingMonths, `${measure} resync request`, {
      refuseWith: PermanentMessageError,
      emptyMeansAll: source.resyncOfAllMonths,
    });
    const mine = new Set(citiesOf(this.topology, this.identity.code));
    const foreign = request.cityCodes.filter((c) => !mine.has(c));
    if (foreign.length > 0) {
      throw new PermanentMessageError(
        `${measure} resync names ${foreign.join(', ')}, which ${foreign.length === 1 ? 'is' : 'are'} not within ${this.identity.code}`,
      );
    }
    let messages = 0;
    let sent = 0;
    const handled = await source.resend(
      tx,
      { billingMonths, cityCodes: [...new Set(request.cityCodes)].sort() },
      async (cells) => {
        const batch = figuresMessages(
          measure,
          this.identity.code,
          message.source,
          cells,
          source.pace.cellsPerMessage,
        );
        await this.outbox.writeMany(
          tx,
          batch.map((m) => ({ ...m, causationId: message.id })),
        );
        messages += batch.length;
        sent += cells.length;
      },
    );
    this.metrics.cellsReported.inc({ measure }, sent);
    this.metrics.reportMessages.inc({ measure }, messages);
    this.logger.log({
      msg: 'figures asked for again',
      measure,
      requester: message.source,
      requestId: request.requestId,
      months: billingMonths,
      cities: request.cityCodes,
      cells: handled,
      messages,
    });
  }

  private sourceOf(measure: string): FiguresSource {
    const source = this.figures.sourceOf(measure);
    if (!source) {
      throw new PermanentMessageError(
        `node ${this.identity.code} reports no measure ${JSON.stringify(measure)}`,
      );
    }
    return source;
  }
}
