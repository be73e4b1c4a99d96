import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { create } from '@bufbuild/protobuf';
import {
  FiguresResyncRequestSchema,
  type FiguresTotalsReport,
  FiguresTotalsReportSchema,
} from '@kaf/contracts';
import { FederatedHandlers } from '@kaf/federation';
import { type InboundMessage, OutboxWriter, PermanentMessageError } from '@kaf/messaging';
import type { EntityManager } from 'typeorm';
import { lineKey } from '../figure-cell';
import { UpwardFigures } from '../upward-figures';
import { compareTotals, type Figures, resyncScope } from './compare-totals';
import {
  ReconciliationChildEntity,
  type StoredDifference,
  type StoredFigures,
} from './reconciliation-child.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A child's answer to a reconciliation run: compared line by line with what this node holds, the
 * findings recorded, and the differing months (and cities) asked for again, all in the inbox
 * transaction. An answer for an unknown run, a second answer, or one after the run closed is
 * harmless: the first two are logged and dropped, the last is recorded as late.
 */
@Injectable()
export class FiguresTotalsReportHandler implements OnModuleInit {
  private readonly logger = new Logger(FiguresTotalsReportHandler.name);

  constructor(
    private readonly handlers: FederatedHandlers,
    private readonly outbox: OutboxWriter,
    private readonly figures: UpwardFigures,
  ) {}

  onModuleInit(): void {
    this.handlers.on(FiguresTotalsReportSchema, 'child', (report, message, tx) =>
      this.handle(report, message, tx),
    );
  }

  async handle(report: FiguresTotalsReport, message: InboundMessage, tx: EntityManager): Promise<void> {
    if (report.reporter !== message.source) {
      throw new PermanentMessageError(
        `${report.measure} totals of ${JSON.stringify(report.reporter)} sent by ${message.source}: a child reports for itself`,
      );
    }
    const sink = this.figures.sinkOf(report.measure);
    if (!sink) {
      throw new PermanentMessageError(
        `${report.measure} totals from ${message.source}: this node receives no such measure`,
      );
    }
    const runId = report.requestId.toLowerCase();
    // Locks the run: answers of one run are recorded one after the other, so the last one sees
    // every other answer committed when it decides that the run is complete.
    const [run] = UUID.test(runId)
      ? await tx.query<{ status: string; months: string[]; measure: string }[]>(
          `SELECT status, months, measure FROM reconciliation_run WHERE id = $1 FOR UPDATE`,
          [runId],
        )
      : [];
    const child = run
      ? await tx.getRepository(ReconciliationChildEntity).findOneBy({ runId, childCode: message.source })
      : null;
    if (!run || !child || run.measure !== report.measure) {
      this.logger.warn({
        msg: 'totals for an unknown reconciliation run ignored',
        measure: report.measure,
        requestId: report.requestId,
        reporter: message.source,
      });
      return;
    }
    if (child.answeredAt) {
      this.logger.warn({ msg: 'second totals answer ignored', runId, reporter: message.source });
      return;
    }

    // A child states every total of the measure on each line; one left out would read as zero
    // and differ at every run, so the answer is refused instead.
    const incomplete = report.lines.find((l) => sink.compared.some((name) => !(name in l.figures)));
    if (incomplete) {
      throw new PermanentMessageError(
        `${report.measure} totals from ${message.source}: the line ${incomplete.cityCode} ${incomplete.billingMonth} lacks ${sink.compared.filter((n) => !(n in incomplete.figures)).join(', ')}`,
      );
    }
    const theirs = new Map<string, Figures>(
      report.lines.map((l) => [lineKey(l.cityCode, l.billingMonth), l.figures] as const),
    );
    const ours = new Map<string, Figures>(
      (await sink.totals(tx, child.cities, run.months)).map((l) => [
        lineKey(l.cityCode, l.billingMonth),
        l.figures,
      ]),
    );
    const { linesCompared, differences } = compareTotals(
      child.cities,
      run.months,
      ours,
      theirs,
      sink.compared,
    );
    const stored = differences.map((d): StoredDifference => ({
      city: d.city,
      month: d.month,
      ours: storedFigures(d.ours),
      theirs: storedFigures(d.theirs),
    }));

    let resync: { months: string[]; cities: string[]; messageId: string } | undefined;
    let released = 0;
    if (differences.length > 0) {
      const scope = resyncScope(differences);
      released =
        (await sink.releaseForResync?.(
          tx,
          differences.map((d) => ({ cityCode: d.city, billingMonth: d.month })),
        )) ?? 0;
      const written = await this.outbox.write(tx, {
        schema: FiguresResyncRequestSchema,
        payload: create(FiguresResyncRequestSchema, {
          measure: report.measure,
          requestId: runId,
          billingMonths: scope.months,
          cityCodes: scope.cities,
        }),
        target: message.source,
        key: `${report.measure}-resync:${message.source}`,
      });
      resync = { ...scope, messageId: written.id };
    }

    await tx.getRepository(ReconciliationChildEntity).update(
      { runId, childCode: message.source },
      {
        answeredAt: new Date(),
        late: run.status !== 'running',
        linesCompared,
        differences: stored,
        resyncMonths: resync?.months ?? [],
        resyncCities: resync?.cities ?? [],
        resyncMessageId: resync?.messageId ?? null,
      },
    );
    if (run.status === 'running') {
      await tx.query(
        `UPDATE reconciliation_run SET status = 'complete', finished_at = now()
          WHERE id = $1 AND NOT EXISTS (
            SELECT 1 FROM reconciliation_child WHERE run_id = $1 AND answered_at IS NULL)`,
        [runId],
      );
    }
    this.logger.log({
      msg: 'totals compared',
      measure: report.measure,
      runId,
      child: message.source,
      linesCompared,
      differences: differences.length,
      late: run.status !== 'running',
      ...(resync
        ? { resync: { months: resync.months, cities: resync.cities, cellsReleased: released } }
        : {}),
    });
  }
}

function storedFigures(f: Figures | null): StoredFigures | null {
  return f && Object.fromEntries(Object.entries(f).map(([name, value]) => [name, value.toString()]));
}
