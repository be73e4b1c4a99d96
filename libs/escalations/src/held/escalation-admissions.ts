import { Inject, Injectable } from '@nestjs/common';
import { NODE_IDENTITY, type NodeIdentity, TOPOLOGY, type Topology } from '@kaf/federation';
import type { EntityManager } from 'typeorm';
import type { EscalationRecord } from '../escalation-message';
import type { EscalationSubjectType } from '../escalation-vocabulary';

/**
 * Why `source` may not raise or close escalation `e` at this node, or undefined when it may. The
 * message is already known to be addressed here and to name `source` as its raiser.
 */
export type SubjectAdmission = (
  tx: EntityManager,
  e: EscalationRecord,
  source: string,
) => Promise<string | undefined>;

/**
 * Who may raise to this node, per subject type. By default the holder's subtree (a province its
 * cities, CN every node); a capability whose cases cross that line registers its own rule for its
 * subject type: one-stop's "the home city of an order this node coordinates" for
 * `circuitSegment`, as a cross-province order's home city may lie outside the coordinator's
 * subtree (ADR 0045).
 */
@Injectable()
export class EscalationAdmissions {
  private readonly bySubject = new Map<EscalationSubjectType, SubjectAdmission>();

  constructor(
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
    @Inject(TOPOLOGY) private readonly topology: Topology,
  ) {}

  /** Replaces the subtree rule for `subjectType`; once per subject type. */
  register(subjectType: EscalationSubjectType, admit: SubjectAdmission): void {
    if (this.bySubject.has(subjectType)) {
      throw new Error(`escalation admission for ${subjectType} is registered twice`);
    }
    this.bySubject.set(subjectType, admit);
  }

  async refusal(tx: EntityManager, e: EscalationRecord, source: string): Promise<string | undefined> {
    const admit = this.bySubject.get(e.subjectType as EscalationSubjectType);
    if (admit) return admit(tx, e, source);
    const self = this.identity.code;
    return source !== self && this.topology.isWithin(source, self)
      ? undefined
      : `escalation ${e.id} from ${source}: not a node below this node (${self})`;
  }
}
