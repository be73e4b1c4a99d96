import { CreateFederationTables1763900100000 } from './migrations/1763900100000-CreateFederationTables';
import { CreateReportSequence1763900100001 } from './migrations/1763900100001-CreateReportSequence';
import { AddChildStatusStartedAt1763900100002 } from './migrations/1763900100002-AddChildStatusStartedAt';
import { AddChildStatusSchedulesRestored1763900100003 } from './migrations/1763900100003-AddChildStatusSchedulesRestored';
import { ProbeBatchEntity, ProbeReceivedEntity, ProbeReplyEntity } from './probes/probe.entities';
import { ChildStatusEntity } from './status/child-status.entity';

/** Tables owned by the federation capability, for the node's DataSource. */
export const FEDERATION_ENTITIES = [
  ChildStatusEntity,
  ProbeBatchEntity,
  ProbeReceivedEntity,
  ProbeReplyEntity,
];
export const FEDERATION_MIGRATIONS = [
  CreateFederationTables1763900100000,
  CreateReportSequence1763900100001,
  AddChildStatusStartedAt1763900100002,
  AddChildStatusSchedulesRestored1763900100003,
];
