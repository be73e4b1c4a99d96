import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EscalationRecord } from '../escalation-message';
import type { Closing } from '../raised/escalation-raiser';
import type { HeldEscalationRow } from './held-escalation.view';

/** Writes of the escalations held here, inside the caller's transaction: the one place for its SQL. */
@Injectable()
export class HeldEscalationsRepository {
  /**
   * Stores the escalation unless it is there (a re-send, or its close came first): true when new.
   * With `closing`, it is born closed.
   */
  async insert(tx: EntityManager, e: EscalationRecord, closing?: Closing): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO held_escalation
         (id, subject_type, subject_id, case_id, reason, raised_by, city_code, due_at, breached_at,
          raised_at, facts, status, closed_at, closed_why)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       ON CONFLICT (id) DO NOTHING
       RETURNING id`,
      [
        e.id,
        e.subjectType,
        e.subjectId,
        e.caseId,
        e.reason,
        e.raisedBy,
        e.facts.cityCode,
        e.dueAt,
        e.breachedAt,
        e.raisedAt,
        e.facts,
        closing ? 'closed' : 'open',
        closing?.at ?? null,
        closing?.why ?? null,
      ],
    );
    return rows.length > 0;
  }

  async lock(tx: EntityManager, id: string): Promise<HeldEscalationRow | undefined> {
    const [row] = await tx.query<HeldEscalationRow[]>(
      `SELECT * FROM held_escalation WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return row;
  }

  /** Closes it unless closed already: true when this call closed it. */
  async close(tx: EntityManager, id: string, { at, why }: Closing): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `WITH closed AS (
         UPDATE held_escalation SET status = 'closed', closed_at = $2, closed_why = $3
          WHERE id = $1 AND status <> 'closed'
          RETURNING id)
       SELECT id FROM closed`,
      [id, at, why],
    );
    return rows.length > 0;
  }

  async acknowledge(
    tx: EntityManager,
    id: string,
    ack: { by: string; at: Date; note: string | null },
  ): Promise<HeldEscalationRow> {
    const [row] = await tx.query<HeldEscalationRow[]>(
      `WITH acknowledged AS (
         UPDATE held_escalation
            SET status = 'acknowledged', acknowledged_by = $2, acknowledged_at = $3, acknowledgement_note = $4
          WHERE id = $1
          RETURNING *)
       SELECT * FROM acknowledged`,
      [id, ack.by, ack.at, ack.note],
    );
    return row!;
  }
}
