import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
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

/**
 * Look-ups in the province's read model for other capabilities, so they never touch its table.
 * Callers apply their own reach: these answer for any city of the province.
 */
@Injectable()
export class ReportedCustomerDirectory {
  constructor(private readonly dataSource: DataSource) {}

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
