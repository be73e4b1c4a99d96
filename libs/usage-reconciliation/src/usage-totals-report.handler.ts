import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { create } from '@bufbuild/protobuf';
import { type UsageTotalsReport, UsageResyncRequestSchema, UsageTotalsReportSchema } from '@kaf/contracts';
import { FederatedHandlers } from '@kaf/federation';
import { type InboundMessage, OutboxWriter, PermanentMessageError } from '@kaf/messaging';
import type { EntityManager } from 'typeorm';
import { compareTotals, lineKey, resyncScope, type UsageFigures } from './compare-totals';
import {
  ReconciliationChildEntity,
  type StoredDifference,
  type StoredFigures,
} from './reconciliation-child.entity';
import { UsageTotalsSource } from './usage-totals.source';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A child's answer to a reconciliation run: compared line by line with what this node holds, the
 * findings recorded, and the differing months (and cities) asked for again, all in the inbox
 * transaction. An answer for an unknown run, a second answer, or one after the run closed is
 * harmless: the first two are logged and dropped, the last is recorded as late.
 */
@Injectable()
export class UsageTotalsReportHandler implements OnModuleInit {
  private readonly logger = new Logger(UsageTotalsReportHandler.name);

  constructor(
    private readonly handlers: FederatedHandlers,
    private readonly outbox: OutboxWriter,
    private readonly source: UsageTotalsSource,
  ) {}

  onModuleInit(): void {
    this.handlers.on(UsageTotalsReportSchema, 'child', (report, message, tx) =>
      this.handle(report, message, tx),
    );
  }

  async handle(report: UsageTotalsReport, message: InboundMessage, tx: EntityManager): Promise<void> {
    if (report.reporter !== message.source) {
      throw new PermanentMessageError(
        `usage totals of ${JSON.stringify(report.reporter)} sent by ${message.source}: a child reports for itself`,
      );
    }
    const runId = report.requestId.toLowerCase();
    // Locks the run: answers of one run are recorded one after the other, so the last one sees
    // every other answer committed when it decides that the run is complete.
    const [run] = UUID.test(runId)
      ? await tx.query<{ status: string; months: string[] }[]>(
          `SELECT status, months FROM reconciliation_run WHERE id = $1 FOR UPDATE`,
          [runId],
        )
      : [];
    const child = run
      ? await tx.getRepository(ReconciliationChildEntity).findOneBy({ runId, childCode: message.source })
      : null;
    if (!run || !child) {
      this.logger.warn({
        msg: 'usage totals for an unknown reconciliation run ignored',
        requestId: report.requestId,
        reporter: message.source,
      });
      return;
    }
    if (child.answeredAt) {
      this.logger.warn({ msg: 'second usage totals answer ignored', runId, reporter: message.source });
      return;
    }

    const theirs = new Map<string, UsageFigures>();
    for (const t of report.totals) {
      theirs.set(lineKey(t.cityCode, t.billingMonth), {
        revenueFen: t.revenueFen,
        eventCount: t.eventCount,
        cells: t.cells,
      });
    }
    const ours = await this.source.totals(tx, child.cities, run.months);
    const { linesCompared, differences } = compareTotals(
      child.cities,
      run.months,
      ours,
      theirs,
      this.source.comparesCells,
    );
    const stored = differences.map((d): StoredDifference => ({
      city: d.city,
      month: d.month,
      ours: storedFigures(d.ours, this.source.comparesCells),
      theirs: storedFigures(d.theirs, this.source.comparesCells),
    }));

    let resync: { months: string[]; cities: string[]; messageId: string } | undefined;
    let released = 0;
    if (differences.length > 0) {
      const scope = resyncScope(differences);
      released = await this.source.releaseForResync(tx, differences);
      const written = await this.outbox.write(tx, {
        schema: UsageResyncRequestSchema,
        payload: create(UsageResyncRequestSchema, {
          requestId: runId,
          billingMonths: scope.months,
          cityCodes: scope.cities,
        }),
        target: message.source,
        key: `usage-resync:${message.source}`,
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
      msg: 'usage totals compared',
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

function storedFigures(f: UsageFigures | null, withCells: boolean): StoredFigures | null {
  if (!f) return null;
  return {
    revenueFen: f.revenueFen.toString(),
    eventCount: f.eventCount.toString(),
    ...(withCells ? { cells: (f.cells ?? 0n).toString() } : {}),
  };
}
