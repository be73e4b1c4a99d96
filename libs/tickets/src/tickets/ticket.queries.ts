import { Injectable } from '@nestjs/common';
import type { AccessScope } from '@kaf/auth';
import { CustomerDirectory } from '@kaf/customers';
import { NotFoundError } from '@kaf/platform';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { TicketNoteEntity } from './ticket-note.entity';
import { TicketStatusChangeEntity } from './ticket-status-change.entity';
import { TroubleTicketEntity } from './trouble-ticket.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Tickets within a caller's reach: the city's own, and for an account manager (portfolio reach)
 * those of the customers assigned to them. Anything else is not found, so it is not disclosed.
 */
@Injectable()
export class TicketQueries {
  constructor(private readonly customers: CustomerDirectory) {}

  async scoped(manager: EntityManager, scope: AccessScope): Promise<SelectQueryBuilder<TroubleTicketEntity>> {
    const qb = manager
      .getRepository(TroubleTicketEntity)
      .createQueryBuilder('t')
      .where('t.city_code = ANY(:cities)', { cities: [...scope.cityCodes()] });
    if (scope.portfolioOf !== undefined) {
      const ids = await this.customers.portfolioCustomerIds(scope.portfolioOf, manager);
      qb.andWhere('t.customer_id = ANY(:ids)', { ids });
    }
    return qb;
  }

  /** The ticket when in reach, else a 404 (`field` names where the id came from). */
  async require(
    manager: EntityManager,
    scope: AccessScope,
    id: string,
    field?: string,
  ): Promise<TroubleTicketEntity> {
    const row = UUID.test(id)
      ? await (await this.scoped(manager, scope)).andWhere('t.id = :id', { id }).getOne()
      : null;
    if (!row)
      throw new NotFoundError(
        `${field ? `${field}: ` : ''}trouble ticket ${id} not found`,
        'trouble-ticket.not-found',
      );
    return row;
  }

  async byExternalIdentifier(
    manager: EntityManager,
    externalIdentifier: string,
  ): Promise<TroubleTicketEntity | null> {
    return manager.getRepository(TroubleTicketEntity).findOneBy({ externalIdentifier });
  }

  async historyOf(
    manager: EntityManager,
    ticketId: string,
  ): Promise<[TicketStatusChangeEntity[], TicketNoteEntity[]]> {
    return Promise.all([
      manager
        .getRepository(TicketStatusChangeEntity)
        .find({ where: { ticketId }, order: { changedAt: 'ASC', id: 'ASC' } }),
      manager
        .getRepository(TicketNoteEntity)
        .find({ where: { ticketId }, order: { createdAt: 'ASC', id: 'ASC' } }),
    ]);
  }
}
