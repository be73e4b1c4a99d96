import { HeldEscalationEntity } from './held/held-escalation.entity';
import { CreateEscalations1796930000001 } from './migrations/1796930000001-CreateEscalations';
import { RaisedEscalationEntity } from './raised/raised-escalation.entity';

/** Tables owned by the escalations capability, for the node's DataSource. */
export const ESCALATIONS_ENTITIES = [RaisedEscalationEntity, HeldEscalationEntity];
export const ESCALATIONS_MIGRATIONS = [CreateEscalations1796930000001];
