import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { fromBinary } from '@bufbuild/protobuf';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { type FiguresReported, FiguresReportedSchema } from '@kaf/contracts';
import { FederatedHandlers, TOPOLOGY, type Topology } from '@kaf/federation';
import { type InboundMessage, PermanentMessageError } from '@kaf/messaging';
import { isBillingMonth } from '@kaf/platform';
import type { EntityManager } from 'typeorm';
import { citiesOf } from '../cities-of';
import { placeKey, type ReceivedCell } from '../figure-cell';
import { UpwardFigures } from '../upward-figures';
import { UpwardFiguresMetrics } from '../upward-figures.metrics';
import type { FiguresSink } from './figures-sink';

const MAX_CELLS = 10_000;
const MAX_KEY_LENGTH = 256;
const INT64_MAX = 2n ** 63n - 1n;

/**
 * Keeps this node's copy of what its children report: the message is checked whole (the sender
 * reports for itself, about cities of its own subtree, well-formed months, versions and bodies),
 * the highest version of each cell in it is handed to the measure's sink, which keeps the highest
 * version per cell, so duplicates, replays, reordering and resyncs are harmless. A message that
 * fails a check is refused whole, with the reason.
 */
@Injectable()
export class FiguresReportedHandler implements OnModuleInit {
  constructor(
    private readonly handlers: FederatedHandlers,
    private readonly figures: UpwardFigures,
    private readonly metrics: UpwardFiguresMetrics,
    @Inject(TOPOLOGY) private readonly topology: Topology,
  ) {}

  onModuleInit(): void {
    this.handlers.on(FiguresReportedSchema, 'child', (report, message, tx) =>
      this.handle(report, message, tx),
    );
  }

  async handle(report: FiguresReported, message: InboundMessage, tx: EntityManager): Promise<void> {
    const sink = this.figures.sinkOf(report.measure);
    const refuse = (reason: string): never => {
      if (sink)
        this.metrics.cellsReceived.inc(
          { measure: sink.measure.name, outcome: 'refused' },
          report.cells.length,
        );
      throw new PermanentMessageError(`${report.measure} figures from ${message.source}: ${reason}`);
    };
    if (!sink) return refuse('this node receives no such measure');
    if (report.reporter !== message.source)
      return refuse(`the report names ${report.reporter} as its reporter`);
    if (report.cells.length > MAX_CELLS) return refuse(`${report.cells.length} cells (at most ${MAX_CELLS})`);
    const cities = new Set(citiesOf(this.topology, message.source));
    const latest = new Map<string, ReceivedCell<unknown>>();
    report.cells.forEach((c, i) => {
      const where = `cell ${i} (${JSON.stringify(c.cityCode)} ${JSON.stringify(c.billingMonth)} ${JSON.stringify(c.key)} v${c.version})`;
      if (!cities.has(c.cityCode)) refuse(`${where} is not about a city within ${message.source}`);
      if (!isBillingMonth(c.billingMonth)) refuse(`${where} has no billing month (YYYY-MM)`);
      if (c.key.length > MAX_KEY_LENGTH) refuse(`${where} has a key over ${MAX_KEY_LENGTH} characters`);
      if (c.version < 1n || c.version > INT64_MAX) refuse(`${where} has a version out of range`);
      const cell: ReceivedCell<unknown> = {
        cityCode: c.cityCode,
        billingMonth: c.billingMonth,
        key: c.key,
        version: c.version,
        changedAt: changedAt(c.changedAt ? timestampDate(c.changedAt) : undefined, message.occurredAt),
        body: decode(sink, c.body, () => refuse(`${where} has a body that is not a ${sink.body.typeName}`)),
      };
      const why = sink.refuse?.(cell as never);
      if (why) refuse(`${where}: ${why}`);
      const held = latest.get(placeKey(cell));
      if (!held || held.version < cell.version) latest.set(placeKey(cell), cell);
    });
    const cells = [...latest.values()];
    const applied = await sink.apply(tx, message.source, cells as never);
    this.metrics.cellsReceived.inc({ measure: sink.measure.name, outcome: 'applied' }, applied);
    this.metrics.cellsReceived.inc(
      { measure: sink.measure.name, outcome: 'stale' },
      report.cells.length - applied,
    );
  }
}

function decode(sink: FiguresSink, body: Uint8Array, refuse: () => never): unknown {
  try {
    return fromBinary(sink.body, body);
  } catch {
    return refuse();
  }
}

function changedAt(reported: Date | undefined, sentAt: Date): Date {
  return reported && !Number.isNaN(reported.getTime()) ? reported : sentAt;
}
