import { Injectable } from '@nestjs/common';
import { AuditTrail } from '@kaf/audit';
import type { AccessScope } from '@kaf/auth';
import { CustomerDirectory } from '@kaf/customers';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import { type ContactView, toAuditedContact, toContactView } from './contact.view';
import type { CreateContactDto } from './create-contact.dto';
import { CustomerContactEntity } from './customer-contact.entity';
import { uuidv7, ConflictError, NotFoundError } from '@kaf/platform';
import type { UpdateContactDto } from './update-contact.dto';

export interface Page<T> {
  items: T[];
  total: number;
}

/**
 * Contacts of a customer. Every call first resolves the customer within the caller's scope, so an
 * account manager reaches only the contacts of their own portfolio and anything else is a 404.
 */
@Injectable()
export class ContactsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly customers: CustomerDirectory,
    private readonly audit: AuditTrail,
  ) {}

  async list(
    scope: AccessScope,
    customerId: string,
    page: { limit: number; offset: number },
  ): Promise<Page<ContactView>> {
    await this.customers.requireInScope(scope, customerId, 'customerId');
    const [rows, total] = await this.dataSource
      .getRepository(CustomerContactEntity)
      .createQueryBuilder('c')
      .where('c.customer_id = :customerId', { customerId })
      .orderBy('c.is_primary', 'DESC')
      .addOrderBy('c.created_at', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .take(page.limit)
      .skip(page.offset)
      .getManyAndCount();
    return { items: rows.map(toContactView), total };
  }

  async get(scope: AccessScope, customerId: string, contactId: string): Promise<ContactView> {
    await this.customers.requireInScope(scope, customerId, 'customerId');
    return toContactView(await this.find(this.dataSource.manager, customerId, contactId));
  }

  async create(scope: AccessScope, customerId: string, dto: CreateContactDto): Promise<ContactView> {
    return this.dataSource.transaction(async (tx) => {
      await this.lockCustomerContacts(tx, scope, customerId);
      const now = new Date();
      const row = tx.getRepository(CustomerContactEntity).create({
        id: uuidv7(),
        customerId,
        name: dto.name,
        mobile: dto.mobile,
        email: dto.email ?? null,
        role: dto.role,
        idNumber: dto.idNumber ?? null,
        isPrimary: dto.isPrimary ?? false,
        createdAt: now,
        updatedAt: now,
      });
      if (row.isPrimary) await this.clearPrimary(tx, customerId, row.id);
      await insertOrConflict(tx, row);
      await this.audit.record(tx, scope.principal, {
        action: 'contact.create',
        resourceType: 'customer_contact',
        resourceId: row.id,
        after: toAuditedContact(row),
      });
      return toContactView(row);
    });
  }

  async update(
    scope: AccessScope,
    customerId: string,
    contactId: string,
    dto: UpdateContactDto,
  ): Promise<ContactView> {
    return this.dataSource.transaction(async (tx) => {
      await this.lockCustomerContacts(tx, scope, customerId);
      const current = await this.find(tx, customerId, contactId);
      const next: CustomerContactEntity = {
        ...current,
        name: dto.name ?? current.name,
        mobile: dto.mobile ?? current.mobile,
        email: dto.email === undefined ? current.email : dto.email,
        role: dto.role ?? current.role,
        idNumber: dto.idNumber === undefined ? current.idNumber : dto.idNumber,
        isPrimary: dto.isPrimary ?? current.isPrimary,
        updatedAt: new Date(),
      };
      if (next.isPrimary && !current.isPrimary) await this.clearPrimary(tx, customerId, contactId);
      await tx.getRepository(CustomerContactEntity).update(
        { id: contactId },
        {
          name: next.name,
          mobile: next.mobile,
          email: next.email,
          role: next.role,
          idNumber: next.idNumber,
          isPrimary: next.isPrimary,
          updatedAt: next.updatedAt,
        },
      );
      await this.audit.record(tx, scope.principal, {
        action: 'contact.update',
        resourceType: 'customer_contact',
        resourceId: contactId,
        before: toAuditedContact(current),
        after: toAuditedContact(next),
      });
      return toContactView(next);
    });
  }

  async remove(scope: AccessScope, customerId: string, contactId: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      await this.lockCustomerContacts(tx, scope, customerId);
      const current = await this.find(tx, customerId, contactId);
      await tx.getRepository(CustomerContactEntity).delete({ id: contactId });
      await this.audit.record(tx, scope.principal, {
        action: 'contact.delete',
        resourceType: 'customer_contact',
        resourceId: contactId,
        before: toAuditedContact(current),
      });
    });
  }

  /**
   * Resolves the customer in scope and serialises writes to its contacts, so that two requests
   * making different contacts primary cannot both clear the other's flag and then collide.
   */
  private async lockCustomerContacts(
    tx: EntityManager,
    scope: AccessScope,
    customerId: string,
  ): Promise<void> {
    await this.customers.requireInScope(scope, customerId, 'customerId', tx);
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
      `customer_contact:${customerId}`,
    ]);
  }

  private async clearPrimary(tx: EntityManager, customerId: string, exceptId: string): Promise<void> {
    await tx
      .getRepository(CustomerContactEntity)
      .createQueryBuilder()
      .update()
      .set({ isPrimary: false, updatedAt: () => 'now()' })
      .where('customer_id = :customerId AND is_primary AND id <> :exceptId', { customerId, exceptId })
      .execute();
  }

  /** The contact, when it belongs to this customer; another customer's contact is not found. */
  private async find(
    manager: EntityManager,
    customerId: string,
    contactId: string,
  ): Promise<CustomerContactEntity> {
    const row = await manager.getRepository(CustomerContactEntity).findOneBy({ id: contactId, customerId });
    if (!row) throw new NotFoundError('no such contact for this customer');
    return row;
  }
}

async function insertOrConflict(tx: EntityManager, row: CustomerContactEntity): Promise<void> {
  try {
    await tx.getRepository(CustomerContactEntity).insert(row);
  } catch (error) {
    if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505') {
      throw new ConflictError('isPrimary: another primary contact was set at the same time; retry');
    }
    throw error;
  }
}
