import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { type EscalationClosed, EscalationClosedSchema } from '@kaf/contracts';
import { FederatedHandlers, NODE_IDENTITY, type NodeIdentity } from '@kaf/federation';
import { type InboundMessage, PermanentMessageError } from '@kaf/messaging';
import type { EntityManager } from 'typeorm';
import { admitEscalation } from './escalation-admission';
import { EscalationAdmissions } from './escalation-admissions';
import { HeldEscalationsRepository } from './held-escalations.repository';

/**
 * The raiser closed an escalation held here. The close carries the whole escalation, so one that
 * overtakes its raise (the raise dead-lettered and replayed later) stores it closed, and the late
 * raise then changes nothing.
 */
@Injectable()
export class EscalationClosedHandler implements OnModuleInit {
  private readonly logger = new Logger(EscalationClosedHandler.name);

  constructor(
    private readonly handlers: FederatedHandlers,
    private readonly store: HeldEscalationsRepository,
    private readonly admissions: EscalationAdmissions,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
  ) {}

  onModuleInit(): void {
    // Whoever may raise may close (EscalationAdmissions), and only what it raised itself.
    this.handlers.on(EscalationClosedSchema, 'any', (closed, message, tx) =>
      this.handle(closed, message, tx),
    );
  }

  async handle(closed: EscalationClosed, message: InboundMessage, tx: EntityManager): Promise<void> {
    const record = admitEscalation(closed.escalation, message.source, this.identity.code);
    if (typeof record === 'string') throw new PermanentMessageError(record);
    const refusal = await this.admissions.refusal(tx, record, message.source);
    if (refusal) throw new PermanentMessageError(refusal);
    if (!closed.closedAt) throw new PermanentMessageError('closed_at missing');
    const closing = { at: timestampDate(closed.closedAt), why: closed.why || 'closed' };
    const held = await this.store.lock(tx, record.id);
    if (held && held.raised_by !== message.source) {
      throw new PermanentMessageError(
        `escalation ${record.id} was raised by ${held.raised_by}, not by ${message.source}`,
      );
    }
    const changed = held
      ? await this.store.close(tx, record.id, closing)
      : await this.store.insert(tx, record, closing);
    if (!changed) return;
    this.logger.log({
      msg: held ? 'escalation closed' : 'escalation closed before its raise arrived',
      escalationId: record.id,
      raisedBy: record.raisedBy,
      why: closing.why,
    });
  }
}
