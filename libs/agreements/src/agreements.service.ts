import { Inject, Injectable } from '@nestjs/common';
import { type ManagerRef, AccountManagerDirectory } from '@kaf/account-managers';
import { AuditTrail } from '@kaf/audit';
import type { AccessScope } from '@kaf/auth';
import { type CustomerRef, CustomerDirectory } from '@kaf/customers';
import { NODE_IDENTITY, type NodeIdentity } from '@kaf/federation';
import { uuidv7 } from '@kaf/messaging';
import {
  FieldValidationException,
  shanghaiDate,
  ConflictError,
  deadlinesToken,
  type DurableDeadlines,
  ForbiddenError,
  NotFoundError,
} from '@kaf/platform';
import { DataSource, type EntityManager, QueryFailedError, type SelectQueryBuilder } from 'typeorm';
import { type AgreementView, toAgreementView } from './agreement.view';
import { AGREEMENTS_OPTIONS, type AgreementsOptions } from './agreements.options';
import { RENEWAL_REMINDERS } from './agreements-queues';
import type { CreateAgreementDto } from './create-agreement.dto';
import { allowedNext, canTransition, isFinal } from './domain/agreement-status';
import { parseFen } from './domain/money';
import { type ReminderTerms, reminderFireAt, renewalDeadlineId } from './domain/renewal-schedule';
import type { ListAgreementsQuery } from './list-agreements.query';
import { ServiceAgreementEntity } from './service-agreement.entity';
import type { UpdateAgreementDto } from './update-agreement.dto';

@Injectable()
export class AgreementsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly customers: CustomerDirectory,
    private readonly managers: AccountManagerDirectory,
    private readonly audit: AuditTrail,
    @Inject(deadlinesToken(RENEWAL_REMINDERS.queue)) private readonly reminders: DurableDeadlines,
    @Inject(NODE_IDENTITY) private readonly node: NodeIdentity,
    @Inject(AGREEMENTS_OPTIONS) private readonly options: AgreementsOptions,
  ) {}

  async create(scope: AccessScope, dto: CreateAgreementDto): Promise<AgreementView> {
    const status = dto.status ?? 'draft';
    checkDates(dto.startDate, dto.endDate, 'endDate', status === 'active');
    const view = await this.uniqueAgreementNo(dto.agreementNo, () =>
      this.dataSource.transaction(async (tx) => {
        const customer = await this.customers.requireInScope(scope, dto.customerId, 'customerId', tx);
        const manager = await this.manager(dto.managerId, customer, tx);
        ownManagerOnly(scope, manager);
        const repo = tx.getRepository(ServiceAgreementEntity);
        const saved = await repo.save(
          repo.create({
            id: uuidv7(),
            cityCode: this.node.code,
            agreementNo: dto.agreementNo,
            customerId: customer.id,
            title: dto.title,
            products: dto.products,
            startDate: dto.startDate,
            endDate: dto.endDate,
            monthlyValueFen: parseFen(dto.monthlyValueFen),
            managerId: manager.id,
            managerStaffId: manager.staffId,
            status,
            reminderDays: dto.reminderDays ?? this.options.renewalReminderDays,
            renewalRemindedAt: null,
            createdBy: scope.principal.subject,
          }),
        );
        const after = toAgreementView(saved);
        await this.audit.record(tx, scope.principal, {
          action: 'agreement.create',
          resourceType: 'service-agreement',
          resourceId: saved.id,
          after,
        });
        return after;
      }),
    );
    if (view.status === 'active') await this.remind(termsOf(view));
    return view;
  }

  async list(
    scope: AccessScope,
    query: ListAgreementsQuery,
  ): Promise<{ items: AgreementView[]; total: number }> {
    const qb = await this.scoped(this.dataSource.manager, scope);
    if (query.customerId) qb.andWhere('a.customer_id = :cid', { cid: query.customerId });
    if (query.managerId) qb.andWhere('a.manager_id = :mid', { mid: query.managerId });
    if (query.status) qb.andWhere('a.status = :status', { status: query.status });
    if (query.endingBefore) qb.andWhere('a.end_date < :eb', { eb: query.endingBefore });
    const [rows, total] = await qb
      .orderBy('a.end_date', 'ASC')
      .addOrderBy('a.agreement_no', 'ASC')
      .take(query.limit)
      .skip(query.offset)
      .getManyAndCount();
    return { items: rows.map(toAgreementView), total };
  }

  async get(scope: AccessScope, id: string): Promise<AgreementView> {
    const row = await (
      await this.scoped(this.dataSource.manager, scope)
    )
      .andWhere('a.id = :id', { id })
      .getOne();
    if (!row) throw new NotFoundError(`no service agreement ${id}`);
    return toAgreementView(row);
  }

  async update(scope: AccessScope, id: string, dto: UpdateAgreementDto): Promise<AgreementView> {
    const { before, after } = await this.uniqueAgreementNo(dto.agreementNo, () =>
      this.dataSource.transaction(async (tx) => {
        const row = await (await this.scoped(tx, scope, true)).andWhere('a.id = :id', { id }).getOne();
        if (!row) throw new NotFoundError(`no service agreement ${id}`);
        const previous = toAgreementView(row);
        this.applyStatus(row, dto);
        if (dto.agreementNo !== undefined) row.agreementNo = dto.agreementNo;
        if (dto.title !== undefined) row.title = dto.title;
        if (dto.products !== undefined) row.products = dto.products;
        if (dto.monthlyValueFen !== undefined) row.monthlyValueFen = parseFen(dto.monthlyValueFen);
        if (dto.startDate !== undefined) row.startDate = dto.startDate;
        if (dto.endDate !== undefined) row.endDate = dto.endDate;
        if (dto.reminderDays !== undefined) row.reminderDays = dto.reminderDays;
        if (dto.startDate !== undefined || dto.endDate !== undefined || dto.status === 'active') {
          const field =
            dto.endDate !== undefined ? 'endDate' : dto.startDate !== undefined ? 'startDate' : 'status';
          checkDates(row.startDate, row.endDate, field, row.status === 'active' && dto.status === 'active');
        }
        if (dto.managerId !== undefined && dto.managerId !== row.managerId) {
          const manager = await this.managers.requireActive(dto.managerId, 'managerId', tx);
          ownManagerOnly(scope, manager);
          row.managerId = manager.id;
          row.managerStaffId = manager.staffId;
        }
        // New terms deserve a reminder of their own, even if the old terms had one already.
        if (row.endDate !== previous.endDate || row.reminderDays !== previous.reminderDays) {
          row.renewalRemindedAt = null;
        }
        const saved = await tx.getRepository(ServiceAgreementEntity).save(row);
        const next = toAgreementView(saved);
        await this.audit.record(tx, scope.principal, {
          action: 'agreement.update',
          resourceType: 'service-agreement',
          resourceId: id,
          before: previous,
          after: next,
        });
        return { before: previous, after: next };
      }),
    );
    await this.reschedule(before, after);
    return after;
  }

  private applyStatus(row: ServiceAgreementEntity, dto: UpdateAgreementDto): void {
    const changes = Object.values(dto).some((v) => v !== undefined);
    if (changes && isFinal(row.status) && dto.status !== row.status) {
      throw new ConflictError(
        `service agreement ${row.agreementNo} is ${row.status}; it can no longer change`,
      );
    }
    if (dto.status === undefined || dto.status === row.status) return;
    if (!canTransition(row.status, dto.status)) {
      const allowed = allowedNext(row.status);
      throw new ConflictError(
        `status: a ${row.status} agreement cannot become ${dto.status}` +
          (allowed.length ? ` (allowed: ${allowed.join(', ')})` : ''),
      );
    }
    row.status = dto.status;
  }

  /** Moves the reminder job along with the terms; the job itself re-checks them when it fires. */
  private async reschedule(before: AgreementView, after: AgreementView): Promise<void> {
    const oldTerms = termsOf(before);
    const newTerms = termsOf(after);
    const sameTerms =
      oldTerms.endDate === newTerms.endDate && oldTerms.reminderDays === newTerms.reminderDays;
    if (before.status === 'active' && (!sameTerms || after.status !== 'active')) {
      await this.reminders.disarm(renewalDeadlineId(oldTerms));
    }
    if (after.status === 'active' && (!sameTerms || before.status !== 'active')) {
      await this.remind(newTerms);
    }
  }

  /** Arms the reminder after a commit: a Redis failure costs a reconcile interval, not a reminder. */
  private remind(terms: ReminderTerms): Promise<void> {
    return this.reminders.armQuietly(renewalDeadlineId(terms), reminderFireAt(terms));
  }

  private async manager(
    requestedId: string | undefined,
    customer: CustomerRef,
    tx: EntityManager,
  ): Promise<ManagerRef> {
    if (requestedId) return this.managers.requireActive(requestedId, 'managerId', tx);
    if (customer.managerId) return this.managers.requireActive(customer.managerId, 'managerId', tx);
    throw new FieldValidationException([
      { field: 'managerId', message: 'is required: the customer has no account manager' },
    ]);
  }

  /** Agreements of this node within the scope; an account manager sees their customers' ones. */
  private async scoped(
    manager: EntityManager,
    scope: AccessScope,
    forUpdate = false,
  ): Promise<SelectQueryBuilder<ServiceAgreementEntity>> {
    const qb = manager
      .getRepository(ServiceAgreementEntity)
      .createQueryBuilder('a')
      .where('a.city_code = ANY(:cities)', { cities: [...scope.cityCodes()] });
    if (scope.portfolioOf !== undefined) {
      const ids = await this.customers.portfolioCustomerIds(scope.portfolioOf, manager);
      qb.andWhere('a.customer_id = ANY(:ids)', { ids });
    }
    if (forUpdate) qb.setLock('pessimistic_write');
    return qb;
  }

  /** Runs `work`, turning a clash on the city's agreement number into a 409 that names it. */
  private async uniqueAgreementNo<T>(agreementNo: string | undefined, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const driver =
        error instanceof QueryFailedError
          ? (error.driverError as { code?: string; constraint?: string })
          : undefined;
      if (driver?.code === '23505' && driver.constraint === 'service_agreement_city_no_key') {
        throw new ConflictError(
          `agreementNo: ${agreementNo ?? ''} is already used by another agreement of this city`,
        );
      }
      throw error;
    }
  }
}

function termsOf(view: AgreementView): ReminderTerms {
  return { agreementId: view.id, endDate: view.endDate, reminderDays: view.reminderDays };
}

/** End after start; an agreement put in force must not have ended already. */
function checkDates(startDate: string, endDate: string, field: string, activating: boolean): void {
  if (endDate <= startDate) {
    throw new FieldValidationException([{ field, message: 'endDate must be after startDate' }]);
  }
  if (activating && endDate < shanghaiDate(new Date())) {
    throw new FieldValidationException([
      { field, message: 'an agreement that has ended cannot become active' },
    ]);
  }
}

/** An account manager (portfolio reach) signs agreements for themselves, never for a colleague. */
function ownManagerOnly(scope: AccessScope, manager: ManagerRef): void {
  if (scope.portfolioOf !== undefined && manager.staffId !== scope.portfolioOf) {
    throw new ForbiddenError('managerId: an account manager can only name themselves');
  }
}
