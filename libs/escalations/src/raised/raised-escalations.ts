import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  type RaisedEscalationRow,
  type RaisedEscalationView,
  toRaisedEscalationView,
} from './raised-escalation.view';

/** Reads of the escalations this node raised, for the case that owns them (a ticket's view). */
@Injectable()
export class RaisedEscalations {
  constructor(private readonly dataSource: DataSource) {}

  /** Every escalation of the case, oldest first; in `tx` when the caller reads inside one. */
  async ofCase(caseId: string, tx?: EntityManager): Promise<RaisedEscalationView[]> {
    const rows = await (tx ?? this.dataSource.manager).query<RaisedEscalationRow[]>(
      `SELECT * FROM raised_escalation WHERE case_id = $1 ORDER BY raised_at, id`,
      [caseId],
    );
    return rows.map(toRaisedEscalationView);
  }
}
