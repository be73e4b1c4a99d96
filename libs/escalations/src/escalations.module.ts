import { Module } from '@nestjs/common';
import { AuditModule } from '@kaf/audit';
import { EscalationAdmissions } from './held/escalation-admissions';
import { EscalationClosedHandler } from './held/escalation-closed.handler';
import { EscalationRaisedHandler } from './held/escalation-raised.handler';
import { HeldEscalations } from './held/held-escalations';
import { HeldEscalationsController } from './held/held-escalations.controller';
import { HeldEscalationsRepository } from './held/held-escalations.repository';
import { HeldEscalationsService } from './held/held-escalations.service';
import { EscalationAcknowledgedHandler } from './raised/escalation-acknowledged.handler';
import { EscalationRaiser } from './raised/escalation-raiser';
import { RaisedEscalations } from './raised/raised-escalations';

/**
 * The federation's one escalation mechanism, at every tier: a node raises escalations of its
 * cases (`EscalationRaiser`, `RaisedEscalations`), and holds and acknowledges those raised to it.
 */
@Module({
  imports: [AuditModule],
  controllers: [HeldEscalationsController],
  providers: [
    EscalationRaiser,
    RaisedEscalations,
    EscalationAcknowledgedHandler,
    EscalationAdmissions,
    HeldEscalations,
    HeldEscalationsRepository,
    HeldEscalationsService,
    EscalationRaisedHandler,
    EscalationClosedHandler,
  ],
  exports: [EscalationRaiser, RaisedEscalations, HeldEscalations, EscalationAdmissions],
})
export class EscalationsModule {}
