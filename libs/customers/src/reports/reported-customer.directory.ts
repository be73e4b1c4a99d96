import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ReportedCustomerEntity } from './reported-customer.entity';

/** What a province's other capabilities (analytics) may read of its cities' customers. */
export interface ReportedCustomerRef {
  id: string;
  cityCode: string;
  name: string;
  industry: string;
  grade: string;
  status: string;
  groupCode: string | null;
  managerStaffId: string | null;
}

/** The attributes of a reported customer that other capabilities classify by. */
export interface ReportedCustomerAttributes {
  id: string;
  industry: string;
  grade: string;
  groupCode: string | null;
}

/**
 * Look-ups in the province's copy of its cities' customers for other capabilities (usage
 * rollups classify usage by the customer's current industry, grade and group; analytics name
 * top customers) without their touching this lib's tables. Callers apply their own reach: these
 * answer for any city of the province.
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

  /** The customers among `ids` the province has heard of, by id, in one query. */
  async byIds(ids: readonly string[]): Promise<Map<string, ReportedCustomerRef>> {
    if (ids.length === 0) return new Map();
    const rows = await this.dataSource
      .getRepository(ReportedCustomerEntity)
      .createQueryBuilder('c')
      .where('c.id = ANY(:ids)', { ids })
      .getMany();
    return new Map(rows.map((r) => [r.id, toRef(r)]));
  }

  /** Ids of the customers of `cityCodes` whose industry section is one of `industries`. */
  async idsByIndustry(cityCodes: readonly string[], industries: readonly string[]): Promise<string[]> {
    if (cityCodes.length === 0 || industries.length === 0) return [];
    const rows = await this.dataSource
      .getRepository(ReportedCustomerEntity)
      .createQueryBuilder('c')
      .select('c.id', 'id')
      .where('c.cityCode = ANY(:cityCodes)', { cityCodes })
      .andWhere('c.industry = ANY(:industries)', { industries })
      .getRawMany<{ id: string }>();
    return rows.map((r) => r.id);
  }
}

function toRef(r: ReportedCustomerEntity): ReportedCustomerRef {
  return {
    id: r.id,
    cityCode: r.cityCode,
    name: r.name,
    industry: r.industry,
    grade: r.grade,
    status: r.status,
    groupCode: r.groupCode,
    managerStaffId: r.managerStaffId,
  };
}
