import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { GroupCustomerEntity } from './group-customer.entity';

/** What the national node's other capabilities (analytics) may read of the group registry. */
@Injectable()
export class GroupRegistryDirectory {
  constructor(private readonly dataSource: DataSource) {}

  /** Name and status of each of `codes` that is in the registry, in one query. */
  async byCodes(codes: readonly string[]): Promise<Map<string, { name: string; status: string }>> {
    if (codes.length === 0) return new Map();
    const rows = await this.dataSource
      .getRepository(GroupCustomerEntity)
      .createQueryBuilder('g')
      .select(['g.groupCode', 'g.name', 'g.status'])
      .where('g.groupCode = ANY(:codes)', { codes })
      .getMany();
    return new Map(rows.map((r) => [r.groupCode, { name: r.name, status: r.status }]));
  }
}
