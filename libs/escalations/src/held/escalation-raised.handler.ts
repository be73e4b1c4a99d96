import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { type EscalationRaised, EscalationRaisedSchema } from '@kaf/contracts';
import { FederatedHandlers, NODE_IDENTITY, type NodeIdentity } from '@kaf/federation';
import { type InboundMessage, PermanentMessageError } from '@kaf/messaging';
import type { EntityManager } from 'typeorm';
import { admitEscalation } from './escalation-admission';
import { EscalationAdmissions } from './escalation-admissions';
import { HeldEscalationsRepository } from './held-escalations.repository';

/** Holds an escalation raised to this node; a re-sent raise, or one its close overtook, changes nothing. */
@Injectable()
export class EscalationRaisedHandler implements OnModuleInit {
  private readonly logger = new Logger(EscalationRaisedHandler.name);

  constructor(
    private readonly handlers: FederatedHandlers,
    private readonly store: HeldEscalationsRepository,
    private readonly admissions: EscalationAdmissions,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
  ) {}

  onModuleInit(): void {
    // A node holds what its subtree raises (at CN every node), or what the subject type's own
    // admission lets in (EscalationAdmissions, ADR 0045).
    this.handlers.on(EscalationRaisedSchema, 'any', (raised, message, tx) =>
      this.handle(raised, message, tx),
    );
  }

  async handle(raised: EscalationRaised, message: InboundMessage, tx: EntityManager): Promise<void> {
    const record = admitEscalation(raised.escalation, message.source, this.identity.code);
    if (typeof record === 'string') throw new PermanentMessageError(record);
    const refusal = await this.admissions.refusal(tx, record, message.source);
    if (refusal) throw new PermanentMessageError(refusal);
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
