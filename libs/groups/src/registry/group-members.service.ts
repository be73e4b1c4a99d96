import { Inject, Injectable } from '@nestjs/common';
import type { AccessScope } from '@kaf/auth';
import { TOPOLOGY, type Topology } from '@kaf/federation';
import { DataSource } from 'typeorm';
import { GroupCustomerEntity } from './group-customer.entity';
import { GroupMemberEntity } from './group-member.entity';
import type { ListGroupMembersQuery } from './list-group-members.query';
import type { GroupMemberView, ProvinceMembersView } from './group-registry.views';
import { NotFoundError } from '@kaf/platform';

/** The member lists the national node learns from its cities, bounded by the caller's subtree. */
@Injectable()
export class GroupMembersService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(TOPOLOGY) private readonly topology: Topology,
  ) {}

  async countByProvince(groupCode: string, scope: AccessScope): Promise<ProvinceMembersView[]> {
    const rows = await this.dataSource.query<{ province_code: string; n: number }[]>(
      `SELECT province_code, count(*)::int AS n FROM group_member
        WHERE group_code = $1 AND city_code = ANY($2::text[])
        GROUP BY province_code ORDER BY province_code`,
      [groupCode, scope.cityCodes()],
    );
    return rows.map((r) => ({
      provinceCode: r.province_code,
      provinceName: this.topology.find(r.province_code)?.name ?? r.province_code,
      memberCount: r.n,
    }));
  }

  async list(
    groupCode: string,
    query: ListGroupMembersQuery,
    scope: AccessScope,
  ): Promise<{ items: GroupMemberView[]; total: number }> {
    const exists = await this.dataSource.getRepository(GroupCustomerEntity).existsBy({ groupCode });
    if (!exists) throw new NotFoundError(`group customer ${groupCode} not found`);
    const qb = this.dataSource
      .getRepository(GroupMemberEntity)
      .createQueryBuilder('m')
      .where('m.group_code = :groupCode', { groupCode })
      .andWhere('m.city_code = ANY(:cities)', { cities: scope.cityCodes() });
    if (query.cityCode) qb.andWhere('m.city_code = :cityCode', { cityCode: query.cityCode });
    if (query.provinceCode)
      qb.andWhere('m.province_code = :provinceCode', { provinceCode: query.provinceCode });
    const [rows, total] = await qb
      .orderBy('m.city_code', 'ASC')
      .addOrderBy('m.name', 'ASC')
      .addOrderBy('m.customer_id', 'ASC')
      .take(query.limit)
      .skip(query.offset)
      .getManyAndCount();
    return {
      total,
      items: rows.map((m) => ({
        customerId: m.customerId,
        cityCode: m.cityCode,
        provinceCode: m.provinceCode,
        name: m.name,
        creditCode: m.creditCode,
        industry: m.industry,
        grade: m.grade,
        status: m.status,
        classes: m.classes,
        version: String(m.version),
        updatedAt: m.updatedAt.toISOString(),
      })),
    };
  }
}
