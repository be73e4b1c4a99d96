import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { type CircuitQuoteReply, CircuitQuoteReplySchema } from '@kaf/contracts';
import { FederatedHandlers } from '@kaf/federation';
import { type InboundMessage, PermanentMessageError } from '@kaf/messaging';
import type { EntityManager } from 'typeorm';
import { MAX_MONTHLY_CHARGE_FEN } from '../domain/circuit-charges';
import { quoteOutcome } from '../domain/quote-states';
import { SEGMENT_ROLES } from '../domain/segment-roles';
import { ONE_STOP_OPTIONS, type OneStopOptions } from '../one-stop.options';
import { CircuitQuoteLineEntity } from './circuit-quote-line.entity';
import { CircuitQuoteEntity } from './circuit-quote.entity';
import { CircuitQuotesMetrics } from './circuit-quotes.metrics';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY_MS = 86_400_000;
const REASON_MAX = 1000;

/**
 * Home city: a segment node's answer fills its line of the quote. Only the node the line was
 * planned for may answer it; a line keeps its first answer (duplicates and re-sent requests
 * change nothing). The answer that completes the lines settles the quote: quoted with the sums
 * and a validity, or infeasible with the reasons.
 */
@Injectable()
export class CircuitQuoteReplyHandler implements OnModuleInit {
  constructor(
    private readonly handlers: FederatedHandlers,
    private readonly metrics: CircuitQuotesMetrics,
    @Inject(ONE_STOP_OPTIONS) private readonly options: OneStopOptions,
  ) {}

  onModuleInit(): void {
    // Sideways work: the sender's part in this order is checked against the order below.
    this.handlers.on(CircuitQuoteReplySchema, 'any', (reply, message, tx) => this.handle(reply, message, tx));
  }

  async handle(reply: CircuitQuoteReply, message: InboundMessage, tx: EntityManager): Promise<void> {
    if (!UUID.test(reply.quoteId)) {
      throw new PermanentMessageError(`circuit quote reply for quote id ${JSON.stringify(reply.quoteId)}`);
    }
    // Locked: the lines of one quote are settled by exactly one answer, whatever arrives together.
    const quote = await tx
      .getRepository(CircuitQuoteEntity)
      .createQueryBuilder('q')
      .where('q.id = :id', { id: reply.quoteId })
      .setLock('pessimistic_write')
      .getOne();
    if (!quote) throw new PermanentMessageError(`circuit quote reply for unknown quote ${reply.quoteId}`);
    const lines = (await tx.getRepository(CircuitQuoteLineEntity).findBy({ quoteId: quote.id })).sort(
      (a, b) => SEGMENT_ROLES.indexOf(a.role) - SEGMENT_ROLES.indexOf(b.role),
    );
    const line = lines.find((l) => l.role === reply.role);
    if (!line || message.source !== line.nodeCode || reply.nodeCode !== message.source) {
      throw new PermanentMessageError(
        `circuit quote reply for ${JSON.stringify(reply.role)} of quote ${quote.id} from ${message.source}` +
          ` (claims ${JSON.stringify(reply.nodeCode)}): ${line ? `the line is ${line.nodeCode}'s to answer` : 'no such line'}`,
      );
    }
    if (line.feasible !== null) {
      this.metrics.replies.inc({ outcome: 'duplicate' });
      return;
    }
    // After the answer time an answer counts for nothing (ADR 0040): the quote has timed out, or
    // its timer is about to time it out (the unanswered lines of a settled quote are those).
    const answeredAt = new Date();
    if (quote.state !== 'requested' || answeredAt.getTime() >= quote.answerBy.getTime()) {
      this.metrics.replies.inc({ outcome: 'late' });
      return;
    }
    if (
      reply.feasible &&
      (reply.oneTimeFen < 0n ||
        reply.monthlyFen < 0n ||
        reply.oneTimeFen > MAX_MONTHLY_CHARGE_FEN ||
        reply.monthlyFen > MAX_MONTHLY_CHARGE_FEN)
    ) {
      throw new PermanentMessageError(
        `circuit quote reply from ${message.source} charges ${reply.oneTimeFen} / ${reply.monthlyFen} fen: out of range`,
      );
    }
    Object.assign(line, {
      feasible: reply.feasible,
      reason: reply.feasible ? null : (reply.reason || 'not feasible').slice(0, REASON_MAX),
      oneTimeFen: reply.feasible ? reply.oneTimeFen : null,
      monthlyFen: reply.feasible ? reply.monthlyFen : null,
      tariffVersion: reply.feasible ? reply.tariffVersion : null,
      answeredAt,
    });
    await tx.getRepository(CircuitQuoteLineEntity).update(
      { quoteId: line.quoteId, role: line.role },
      {
        feasible: line.feasible,
        reason: line.reason,
        oneTimeFen: line.oneTimeFen,
        monthlyFen: line.monthlyFen,
        tariffVersion: line.tariffVersion,
        answeredAt,
      },
    );
    this.metrics.replies.inc({ outcome: 'applied' });
    const outcome = quoteOutcome(lines);
    if (outcome.state === 'requested') return;
    if (outcome.state === 'quoted') {
      quote.state = 'quoted';
      quote.oneTimeTotalFen = outcome.oneTimeTotalFen;
      quote.monthlyTotalFen = outcome.monthlyTotalFen;
      quote.validUntil = new Date(answeredAt.getTime() + this.options.quoteValidDays * DAY_MS);
    } else {
      quote.state = 'infeasible';
      quote.stateReason = outcome.reason.slice(0, 4 * REASON_MAX);
    }
    quote.quotedAt = answeredAt;
    await tx.getRepository(CircuitQuoteEntity).save(quote);
    this.metrics.settled.inc({ state: outcome.state });
  }
}
