import { Injectable } from '@nestjs/common';
import { FieldValidationException } from '@kaf/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { AccountManagerEntity } from './account-manager.entity';
import type { ManagerTitle } from './domain/manager-chain';

/** What other capabilities may know of an account manager. */
export interface ManagerRef {
  id: string;
  staffId: string;
  name: string;
  title: ManagerTitle;
  supervisorId: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Looks up this city's account managers for other capabilities (e.g. assigning a customer). */
@Injectable()
export class AccountManagerDirectory {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The active manager `managerId`, or a 400 naming `field` when there is none. Pass `tx` to read
   * inside the caller's transaction; the row is then share-locked so that it cannot be
   * deactivated before the caller commits.
   */
  async requireActive(managerId: string, field: string, tx?: EntityManager): Promise<ManagerRef> {
    if (typeof managerId !== 'string' || !UUID.test(managerId)) {
      throw new FieldValidationException([{ field, message: 'must be an account manager id (UUID)' }]);
    }
    const qb = (tx ?? this.dataSource.manager)
      .getRepository(AccountManagerEntity)
      .createQueryBuilder('m')
      .where('m.id = :id', { id: managerId });
    if (tx?.queryRunner?.isTransactionActive) qb.setLock('pessimistic_read');
    const row = await qb.getOne();
    if (!row) throw new FieldValidationException([{ field, message: 'no account manager with this id' }]);
    if (!row.active)
      throw new FieldValidationException([{ field, message: 'the account manager is inactive' }]);
    return toRef(row);
  }

  /**
   * The manager `managerId`, active or not (a departed manager's portfolio is handed over), or a
   * 400 naming `field` when this city has no such manager.
   */
  async requireKnown(managerId: string, field: string, tx?: EntityManager): Promise<ManagerRef> {
    if (typeof managerId !== 'string' || !UUID.test(managerId)) {
      throw new FieldValidationException([{ field, message: 'must be an account manager id (UUID)' }]);
    }
    const row = await (tx ?? this.dataSource.manager)
      .getRepository(AccountManagerEntity)
      .findOneBy({ id: managerId });
    if (!row) throw new FieldValidationException([{ field, message: 'no account manager with this id' }]);
    return toRef(row);
  }

  /** The manager whose HR staff id (token subject) is `staffId`, active or not. */
  async findByStaffId(staffId: string, tx?: EntityManager): Promise<ManagerRef | undefined> {
    const row = await (tx ?? this.dataSource.manager)
      .getRepository(AccountManagerEntity)
      .findOneBy({ staffId });
    return row ? toRef(row) : undefined;
  }
}

function toRef(row: AccountManagerEntity): ManagerRef {
  return {
    id: row.id,
    staffId: row.staffId,
    name: row.name,
    title: row.title,
    supervisorId: row.supervisorId,
  };
}
