import { Inject, Injectable } from '@nestjs/common';
import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { EscalationClosedSchema, EscalationRaisedSchema } from '@kaf/contracts';
import { NODE_IDENTITY, type NodeIdentity, TOPOLOGY, type Topology } from '@kaf/federation';
import { OutboxWriter, uuidv7 } from '@kaf/messaging';
import type { EntityManager } from 'typeorm';
import { type EscalationRecord, toEscalationMessage } from '../escalation-message';
import { type EscalationFacts, type EscalationSubjectType, onlyFacts } from '../escalation-vocabulary';
import type { RaisedEscalationRow } from './raised-escalation.view';

export interface EscalationToRaise {
  subjectType: EscalationSubjectType;
  /** Ticket id, fault check id, circuit segment id. */
  subjectId: string;
  /** The ticket id (so a ticket shows all of its escalations). */
  caseId: string;
  /** e.g. 'responseBreach', 'restoreBreach', 'restoreDoubleBreach', 'checkOverdue'. */
  reason: string;
  /** Node code of the holder: the province, CN, or the order's coordinator. */
  to: string;
  dueAt: Date;
  breachedAt: Date;
  facts: EscalationFacts;
}

export interface Closing {
  at: Date;
  /** e.g. 'ticketResolved', 'checkAnswered'. */
  why: string;
}

/**
 * The one way a node raises an escalation: the row and the message to the holder commit in the
 * caller's transaction, exactly once per (subject, reason, holder); closing tells every holder.
 */
@Injectable()
export class EscalationRaiser {
  constructor(
    private readonly outbox: OutboxWriter,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
    @Inject(TOPOLOGY) private readonly topology: Topology,
  ) {}

  /** The new escalation's id, or undefined when (subjectId, reason, to) was raised before. */
  async raise(tx: EntityManager, e: EscalationToRaise): Promise<string | undefined> {
    // A wrong holder is the caller's bug, not bad input: fail the transaction rather than send
    // an escalation that the holder would dead-letter.
    if (!this.topology.find(e.to) || e.to === this.identity.code) {
      throw new Error(`escalation: ${JSON.stringify(e.to)} is not another node of the federation`);
    }
    const facts = onlyFacts(e.facts);
    const rows = await tx.query<RaisedEscalationRow[]>(
      `INSERT INTO raised_escalation
         (id, subject_type, subject_id, case_id, reason, holder_node, due_at, breached_at, facts, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'open')
       ON CONFLICT ON CONSTRAINT raised_escalation_subject_reason_holder_key DO NOTHING
       RETURNING *`,
      [uuidv7(), e.subjectType, e.subjectId, e.caseId, e.reason, e.to, e.dueAt, e.breachedAt, facts],
    );
    const row = rows[0];
    if (!row) return undefined;
    await this.outbox.write(tx, {
      schema: EscalationRaisedSchema,
      payload: create(EscalationRaisedSchema, { escalation: toEscalationMessage(this.record(row)) }),
      target: row.holder_node,
      key: row.id,
    });
    return row.id;
  }

  /** Closes every escalation of the case not closed yet and tells their holders; how many. */
  closeFor(tx: EntityManager, caseId: string, closing: Closing): Promise<number> {
    return this.close(tx, 'case_id', caseId, closing);
  }

  /** Closes the escalations of one subject of a case (a fault check answered), as closeFor. */
  closeSubject(tx: EntityManager, subjectId: string, closing: Closing): Promise<number> {
    return this.close(tx, 'subject_id', subjectId, closing);
  }

  private async close(
    tx: EntityManager,
    column: 'case_id' | 'subject_id',
    value: string,
    { at, why }: Closing,
  ): Promise<number> {
    const rows = await tx.query<RaisedEscalationRow[]>(
      // Through a CTE: the driver hands back an UPDATE's rows with its row count, a SELECT's alone.
      `WITH closed AS (
         UPDATE raised_escalation SET status = 'closed', closed_at = $2, closed_why = $3
          WHERE ${column} = $1 AND status <> 'closed'
          RETURNING *)
       SELECT * FROM closed ORDER BY raised_at, id`,
      [value, at, why],
    );
    await this.outbox.writeMany(
      tx,
      rows.map((row) => ({
        schema: EscalationClosedSchema,
        payload: create(EscalationClosedSchema, {
          escalation: toEscalationMessage(this.record(row)),
          closedAt: timestampFromDate(at),
          why,
        }),
        target: row.holder_node,
        key: row.id,
      })),
    );
    return rows.length;
  }

  private record(row: RaisedEscalationRow): EscalationRecord {
    return {
      id: row.id,
      subjectType: row.subject_type,
      subjectId: row.subject_id,
      caseId: row.case_id,
      reason: row.reason,
      raisedBy: this.identity.code,
      holder: row.holder_node,
      dueAt: row.due_at,
      breachedAt: row.breached_at,
      raisedAt: row.raised_at,
      facts: row.facts,
    };
  }
}
