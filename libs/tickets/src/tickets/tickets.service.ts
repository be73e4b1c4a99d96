import { Inject, Injectable } from '@nestjs/common';
import { AgreementDirectory } from '@kaf/agreements';
import { AuditTrail } from '@kaf/audit';
import type { AccessScope } from '@kaf/auth';
import { ContactDirectory } from '@kaf/contacts';
import { CustomerDirectory, parseFields, pickFields } from '@kaf/customers';
import { NODE_IDENTITY, type NodeIdentity } from '@kaf/federation';
import { CustomerCircuits } from '@kaf/one-stop';
import { ConflictError, type FieldError, FieldValidationException, uuidv7 } from '@kaf/platform';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import type { CreateTicketDto } from './create-ticket.dto';
import type { ListTicketsQuery } from './list-tickets.query';
import { TicketQueries } from './ticket.queries';
import {
  type TicketDetailView,
  type TicketView,
  TICKET_VIEW_FIELDS,
  toAuditedTicket,
  toTicketDetailView,
  toTicketView,
} from './ticket.view';
import { TicketWorkflow } from './ticket-workflow';
import { TroubleTicketEntity } from './trouble-ticket.entity';

/** Creating, finding and listing trouble tickets; every change goes through the workflow. */
@Injectable()
export class TicketsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly workflow: TicketWorkflow,
    private readonly queries: TicketQueries,
    private readonly customers: CustomerDirectory,
    private readonly circuits: CustomerCircuits,
    private readonly contacts: ContactDirectory,
    private readonly agreements: AgreementDirectory,
    private readonly audit: AuditTrail,
    @Inject(NODE_IDENTITY) private readonly node: NodeIdentity,
  ) {}

  /**
   * Opens a ticket, or answers the one already opened with the same `externalIdentifier`
   * (`created: false`), so a reporting system that retries never doubles a ticket.
   */
  async create(
    scope: AccessScope,
    dto: CreateTicketDto,
  ): Promise<{ view: TicketDetailView; created: boolean }> {
    checkNewTicket(dto);
    if (dto.externalIdentifier) {
      const existing = await this.existing(scope, dto.externalIdentifier);
      if (existing) return { view: existing, created: false };
    }
    try {
      const view = await this.dataSource.transaction(async (tx) => {
        const customer = await this.customers.requireInScope(scope, dto.customerId, 'customerId', tx);
        if (dto.circuitId) await this.circuits.requireInService(tx, scope, customer.id, dto.circuitId);
        if (dto.agreementId)
          await this.agreements.requireOfCustomer(tx, customer.id, dto.agreementId, 'agreementId');
        if (dto.reporterContactId)
          await this.contacts.requireOfCustomer(tx, customer.id, dto.reporterContactId, 'reporterContactId');
        const ticket = tx.getRepository(TroubleTicketEntity).create({
          id: uuidv7(),
          cityCode: this.node.code,
          customerId: customer.id,
          ticketType: dto.ticketType,
          severity: dto.severity,
          priority: dto.priority ?? 'medium',
          name: dto.name,
          description: dto.description,
          channel: dto.channel,
          externalIdentifier: dto.externalIdentifier ?? null,
          reporterContactId: dto.reporterContactId ?? null,
          reporterName: dto.reporterContactId ? null : (dto.reporterName ?? null),
          reporterPhone: dto.reporterContactId ? null : (dto.reporterPhone ?? null),
          ownerStaffId: dto.ownerStaffId ?? customer.managerStaffId ?? scope.principal.subject,
          circuitId: dto.circuitId ?? null,
          agreementId: dto.agreementId ?? null,
          requestedResolutionDate: dto.requestedResolutionDate ? new Date(dto.requestedResolutionDate) : null,
          expectedResolutionDate: null,
          respondedAt: null,
          restoredAt: null,
          resolutionDate: null,
          closedAt: null,
          mergedInto: null,
          createdBy: scope.principal.subject,
        });
        const saved = await this.workflow.open(tx, ticket, {
          by: scope.principal.subject,
          reason: 'reported',
        });
        await this.audit.record(tx, scope.principal, {
          action: 'trouble-ticket.create',
          resourceType: 'trouble_ticket',
          resourceId: saved.id,
          after: toAuditedTicket(saved),
        });
        return this.detail(tx, saved);
      });
      return { view, created: true };
    } catch (error) {
      // Two requests with the same external id at once: the loser answers with the winner's ticket.
      const driver =
        error instanceof QueryFailedError
          ? (error.driverError as { code?: string; constraint?: string })
          : undefined;
      if (
        dto.externalIdentifier &&
        driver?.code === '23505' &&
        driver.constraint === 'trouble_ticket_external_identifier_key'
      ) {
        const existing = await this.existing(scope, dto.externalIdentifier);
        if (existing) return { view: existing, created: false };
      }
      throw error;
    }
  }

  async list(
    scope: AccessScope,
    query: ListTicketsQuery,
  ): Promise<{ items: Partial<TicketView>[]; total: number }> {
    const fields = parseFields(query.fields, TICKET_VIEW_FIELDS);
    const qb = await this.queries.scoped(this.dataSource.manager, scope);
    if (query.status) qb.andWhere('t.status = :status', { status: query.status });
    if (query.ticketType) qb.andWhere('t.ticket_type = :type', { type: query.ticketType });
    if (query.severity) qb.andWhere('t.severity = :severity', { severity: query.severity });
    if (query.customerId) qb.andWhere('t.customer_id = :cid', { cid: query.customerId });
    if (query.owner) qb.andWhere('t.owner_staff_id = :owner', { owner: query.owner });
    const [rows, total] = await qb
      .orderBy('t.created_at', 'DESC')
      .addOrderBy('t.id', 'DESC')
      .take(query.limit)
      .skip(query.offset)
      .getManyAndCount();
    return { items: rows.map((r) => pickFields(toTicketView(r), fields)), total };
  }

  async get(scope: AccessScope, id: string): Promise<TicketDetailView> {
    const ticket = await this.queries.require(this.dataSource.manager, scope, id);
    return this.detail(this.dataSource.manager, ticket);
  }

  async detail(manager: EntityManager, ticket: TroubleTicketEntity): Promise<TicketDetailView> {
    const [history, notes] = await this.queries.historyOf(manager, ticket.id);
    return toTicketDetailView(ticket, history, notes);
  }

  /** The ticket already opened under `externalIdentifier`, when the caller may see it; 409 otherwise. */
  private async existing(
    scope: AccessScope,
    externalIdentifier: string,
  ): Promise<TicketDetailView | undefined> {
    const found = await this.queries.byExternalIdentifier(this.dataSource.manager, externalIdentifier);
    if (!found) return undefined;
    const reachable = await (
      await this.queries.scoped(this.dataSource.manager, scope)
    )
      .andWhere('t.id = :id', { id: found.id })
      .getExists();
    if (!reachable) {
      throw new ConflictError(
        `externalIdentifier: ${externalIdentifier} names another ticket`,
        'trouble-ticket.external-identifier-taken',
      );
    }
    return this.detail(this.dataSource.manager, found);
  }
}

/** The checks a new ticket's fields need together: one reporter, a requested date ahead. */
function checkNewTicket(dto: CreateTicketDto, now = new Date()): void {
  const errors: FieldError[] = [];
  const named = dto.reporterName !== undefined || dto.reporterPhone !== undefined;
  if (dto.reporterContactId && named) {
    errors.push({ field: 'reporterContactId', message: 'give a contact or a name and phone, not both' });
  } else if (!dto.reporterContactId) {
    if (!dto.reporterName)
      errors.push({ field: 'reporterName', message: 'is required unless reporterContactId is given' });
    if (!dto.reporterPhone)
      errors.push({ field: 'reporterPhone', message: 'is required unless reporterContactId is given' });
  }
  if (dto.requestedResolutionDate && new Date(dto.requestedResolutionDate).getTime() < now.getTime()) {
    errors.push({ field: 'requestedResolutionDate', message: 'must not be in the past' });
  }
  if (errors.length > 0) throw new FieldValidationException(errors);
}
