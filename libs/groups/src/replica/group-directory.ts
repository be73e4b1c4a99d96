import { Injectable } from '@nestjs/common';
import { FieldValidationException } from '@kaf/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { GroupCustomerReplicaEntity } from './group-customer-replica.entity';

export interface GroupRef {
  groupCode: string;
  name: string;
}

/**
 * What other capabilities of a city may ask of the national group registry: whether a group
 * exists and is active, as far as this city's replica knows.
 */
@Injectable()
export class GroupDirectory {
  constructor(private readonly dataSource: DataSource) {}

  /** The active group `groupCode`, or a 400 naming `field` when it is unknown or dissolved. */
  async requireActive(groupCode: string, field: string, tx?: EntityManager): Promise<GroupRef> {
    const manager = tx ?? this.dataSource.manager;
    const group = await manager
      .getRepository(GroupCustomerReplicaEntity)
      .findOne({ where: { groupCode }, select: { groupCode: true, name: true, status: true } });
    if (!group) {
      throw new FieldValidationException([{ field, message: `group ${groupCode} is not in the registry` }]);
    }
    if (group.status !== 'active') {
      throw new FieldValidationException([{ field, message: `group ${groupCode} is ${group.status}` }]);
    }
    return { groupCode: group.groupCode, name: group.name };
  }
}
