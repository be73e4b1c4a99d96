import { Injectable, type OnModuleInit } from '@nestjs/common';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { type CustomerUsageReport, CustomerUsageReportSchema } from '@kaf/contracts';
import { FederatedHandlers } from '@kaf/federation';
import { type InboundMessage, PermanentMessageError } from '@kaf/messaging';
import { isBillingMonth } from '@kaf/platform';
import type { EntityManager } from 'typeorm';
import { type CityUsageCell, CityUsageRepository } from './city-usage.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PRODUCT = /^[a-z0-9_]{1,64}$/;
const QUANTITY = /^-?\d{1,20}(\.\d{1,12})?$/;
const MAX_CELLS = 10_000;
const INT32_MAX = 2_147_483_647;
const INT64_MAX = 9_223_372_036_854_775_807n;

/**
 * Keeps the province's copy of its cities' monthly cells: the highest version of each cell wins,
 * so duplicates, replays, reordering and resyncs are harmless. Each (city, month) whose detail
 * changed is marked dirty in the same transaction, for the slice builder.
 */
@Injectable()
export class CustomerUsageReportHandler implements OnModuleInit {
  constructor(
    private readonly handlers: FederatedHandlers,
    private readonly repository: CityUsageRepository,
  ) {}

  onModuleInit(): void {
    this.handlers.on(CustomerUsageReportSchema, 'child', (report, message, tx) =>
      this.handle(report, message, tx),
    );
  }

  async handle(report: CustomerUsageReport, message: InboundMessage, tx: EntityManager): Promise<void> {
    if (report.cityCode !== message.source) {
      throw new PermanentMessageError(
        `customer usage report for city ${report.cityCode} sent by ${message.source}`,
      );
    }
    if (report.cells.length > MAX_CELLS) {
      throw new PermanentMessageError(
        `customer usage report carries ${report.cells.length} cells (at most ${MAX_CELLS})`,
      );
    }
    await this.repository.upsert(tx, report.cityCode, latestPerCell(report, message.occurredAt));
  }
}

/** Validated cells, one per key (the highest version), so one statement can upsert them all. */
function latestPerCell(report: CustomerUsageReport, sentAt: Date): CityUsageCell[] {
  const cells = new Map<string, CityUsageCell>();
  report.cells.forEach((c, i) => {
    const valid =
      UUID.test(c.customerId) &&
      PRODUCT.test(c.product) &&
      isBillingMonth(c.billingMonth) &&
      QUANTITY.test(c.quantity) &&
      c.eventCount <= INT32_MAX &&
      c.version >= 1n &&
      c.version <= INT64_MAX;
    if (!valid) {
      throw new PermanentMessageError(
        `customer usage report cell ${i} (${JSON.stringify(c.customerId)} ${JSON.stringify(c.product)} ${JSON.stringify(c.billingMonth)} v${c.version}) is malformed`,
      );
    }
    const key = `${c.customerId.toLowerCase()}|${c.product}|${c.billingMonth}`;
    const held = cells.get(key);
    if (held && BigInt(held.version) >= c.version) return;
    const changedAt = c.changedAt ? timestampDate(c.changedAt) : sentAt;
    cells.set(key, {
      customerId: c.customerId.toLowerCase(),
      product: c.product,
      billingMonth: c.billingMonth,
      revenueFen: c.revenueFen.toString(),
      quantity: c.quantity,
      eventCount: c.eventCount,
      version: c.version.toString(),
      changedAt: Number.isNaN(changedAt.getTime()) ? sentAt : changedAt,
    });
  });
  return [...cells.values()];
}
