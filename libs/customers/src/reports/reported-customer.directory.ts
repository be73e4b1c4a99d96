import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** The attributes of a reported customer that other capabilities classify by. */
export interface ReportedCustomerAttributes {
  id: string;
  industry: string;
  grade: string;
  groupCode: string | null;
}

/**
 * Look-ups in the province's copy of its cities' customers for other capabilities (usage
 * rollups classify usage by the customer's current industry, grade and group) without their
 * touching this lib's tables.
 */
@Injectable()
export class ReportedCustomerDirectory {
  constructor(private readonly dataSource: DataSource) {}

  /** The current attributes of those of `ids` whose snapshot has arrived, in one query. */
  async attributesOf(ids: readonly string[], tx?: EntityManager): Promise<ReportedCustomerAttributes[]> {
    if (ids.length === 0) return [];
    return (tx ?? this.dataSource.manager).query<ReportedCustomerAttributes[]>(
      `SELECT id, industry, grade, group_code AS "groupCode"
         FROM reported_customer WHERE id = ANY($1::uuid[])`,
      [ids],
    );
  }
}
