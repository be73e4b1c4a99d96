import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@kaf/platform';
import type { EntityManager } from 'typeorm';
import { CustomerContactEntity } from './customer-contact.entity';

/**
 * Contact look-ups for capabilities that name a contact on their own records (a ticket's
 * reporter): the id is checked against the customer, and nothing personal leaves this lib.
 */
@Injectable()
export class ContactDirectory {
  /** 404 naming `field` unless `contactId` is a contact of `customerId`. */
  async requireOfCustomer(
    tx: EntityManager,
    customerId: string,
    contactId: string,
    field: string,
  ): Promise<void> {
    const found = await tx.getRepository(CustomerContactEntity).existsBy({ id: contactId, customerId });
    if (!found) throw new NotFoundError(`${field}: no contact ${contactId} of this customer`);
  }
}
