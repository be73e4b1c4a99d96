import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { type EscalationRaised, EscalationRaisedSchema } from '@kaf/contracts';
import { FederatedHandlers, NODE_IDENTITY, type NodeIdentity } from '@kaf/federation';
import { type InboundMessage, PermanentMessageError } from '@kaf/messaging';
import type { EntityManager } from 'typeorm';
import { admitEscalation } from './escalation-admission';
import { HeldEscalationsRepository } from './held-escalations.repository';

/** Holds an escalation raised to this node; a re-sent raise, or one its close overtook, changes nothing. */
@Injectable()
export class EscalationRaisedHandler implements OnModuleInit {
  private readonly logger = new Logger(EscalationRaisedHandler.name);

  constructor(
    private readonly handlers: FederatedHandlers,
    private readonly store: HeldEscalationsRepository,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
  ) {}

  onModuleInit(): void {
    // A node holds what its subtree raises; at CN that is every node (ADR 0045).
    this.handlers.on(EscalationRaisedSchema, 'subtree', (raised, message, tx) =>
      this.handle(raised, message, tx),
    );
  }

  async handle(raised: EscalationRaised, message: InboundMessage, tx: EntityManager): Promise<void> {
    const record = admitEscalation(raised.escalation, message.source, this.identity.code);
    if (typeof record === 'string') throw new PermanentMessageError(record);
    if (!(await this.store.insert(tx, record))) return;
    this.logger.log({
      msg: 'escalation held',
      escalationId: record.id,
      raisedBy: record.raisedBy,
      reason: record.reason,
      subjectType: record.subjectType,
    });
  }
}
