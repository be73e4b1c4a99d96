import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditTrail } from '@kaf/audit';
import type { Principal } from '@kaf/auth';
import { NODE_IDENTITY, type NodeIdentity } from '@kaf/federation';
import type { DeadlineKind, DeadlineOutcome, OpenDeadline } from '@kaf/platform';
import { DataSource } from 'typeorm';
import { timedOutReason } from '../../domain/quote-states';
import { SEGMENT_ROLES } from '../../domain/segment-roles';
import { CircuitQuoteLineEntity } from '../circuit-quote-line.entity';
import { CircuitQuoteEntity } from '../circuit-quote.entity';
import { toCircuitQuoteView } from '../circuit-quote.view';
import { CircuitQuotesMetrics } from '../circuit-quotes.metrics';

const REASON_MAX = 4000;

/**
 * The timeout of one quote, a durable deadline (ADR 0046) fired by its job: in one transaction with the
 * quote locked, a quote still `requested` whose answer time has passed becomes `infeasible`
 * naming every silent line, audited as the node's own write. The state decides: once the quote
 * has left `requested`, every later check (a second timer, the reconciler, another replica) is a
 * no-op, so a quote times out exactly once.
 */
@Injectable()
export class QuoteTimeoutChecker implements DeadlineKind {
  private readonly logger = new Logger(QuoteTimeoutChecker.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly metrics: CircuitQuotesMetrics,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
  ) {}

  /** The requested quotes: the partial index on answer_by covers them, settled ones cost nothing. */
  async listOpen(after: string, limit: number): Promise<OpenDeadline[]> {
    const rows: { id: string; answer_by: Date }[] = await this.dataSource.query(
      `SELECT id, answer_by FROM circuit_quote
        WHERE state = 'requested' AND id::text > $1
        ORDER BY id::text
        LIMIT $2`,
      [after, limit],
    );
    return rows.map((row) => ({ id: row.id, dueAt: new Date(row.answer_by) }));
  }

  async check(quoteId: string, now = new Date()): Promise<DeadlineOutcome> {
    let timedOut = false;
    const outcome = await this.dataSource.transaction(async (tx): Promise<DeadlineOutcome> => {
      const quote = await tx
        .getRepository(CircuitQuoteEntity)
        .createQueryBuilder('q')
        .where('q.id = :id', { id: quoteId })
        .setLock('pessimistic_write')
        .getOne();
      if (!quote || quote.state !== 'requested') return { kind: 'done' };
      if (quote.answerBy.getTime() > now.getTime()) return { kind: 'notDue', at: quote.answerBy };
      const lines = (await tx.getRepository(CircuitQuoteLineEntity).findBy({ quoteId })).sort(
        (a, b) => SEGMENT_ROLES.indexOf(a.role) - SEGMENT_ROLES.indexOf(b.role),
      );
      const before = toCircuitQuoteView(quote, lines, now);
      const reason = timedOutReason(lines, quote.replySeconds);
      // Every line answered yet the quote is requested cannot be: the last answer settles it.
      if (reason === undefined) return { kind: 'done' };
      quote.state = 'infeasible';
      quote.stateReason = reason.slice(0, REASON_MAX);
      const saved = await tx.getRepository(CircuitQuoteEntity).save(quote);
      await this.audit.record(tx, this.principal(), {
        action: 'circuit-quote.time-out',
        resourceType: 'circuit-quote',
        resourceId: quoteId,
        before,
        after: toCircuitQuoteView(saved, lines, now),
      });
      timedOut = true;
      return { kind: 'done' };
    });
    if (timedOut) {
      this.metrics.settled.inc({ state: 'infeasible' });
      this.metrics.timedOut.inc();
      this.logger.log({ msg: 'circuit quote timed out', quoteId });
    }
    return outcome;
  }

  /** The node itself, as the author of what its timers change. */
  private principal(): Principal {
    return { subject: `node:${this.identity.code}`, roles: [], nodeCode: this.identity.code };
  }
}
