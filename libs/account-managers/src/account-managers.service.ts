import { Inject, Injectable } from '@nestjs/common';
import { AuditTrail } from '@kaf/audit';
import type { AccessScope } from '@kaf/auth';
import { NODE_IDENTITY, type NodeIdentity } from '@kaf/federation';
import { uuidv7 } from '@kaf/messaging';
import { FieldValidationException, ConflictError, NotFoundError } from '@kaf/platform';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import { AccountManagerEntity } from './account-manager.entity';
import { type AccountManagerView, toView } from './account-manager.view';
import type { CreateAccountManagerDto } from './create-account-manager.dto';
import { type ManagerTitle, reportsProblem, supervisorProblem } from './domain/manager-chain';
import type { ListAccountManagersQuery } from './list-account-managers.query';
import type { UpdateAccountManagerDto } from './update-account-manager.dto';

/** Far deeper than any real chain (three titles); bounds the walk should the data ever be corrupt. */
const MAX_CHAIN_DEPTH = 16;

export interface Page<T> {
  items: T[];
  total: number;
}

@Injectable()
export class AccountManagersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    @Inject(NODE_IDENTITY) private readonly node: NodeIdentity,
  ) {}

  async create(scope: AccessScope, dto: CreateAccountManagerDto): Promise<AccountManagerView> {
    this.requireNodeInScope(scope);
    return this.dataSource.transaction(async (tx) => {
      const repo = tx.getRepository(AccountManagerEntity);
      if (await repo.existsBy({ staffId: dto.staffId })) throw staffIdTaken(dto.staffId);
      const id = uuidv7();
      const supervisorId = dto.supervisorId ?? null;
      await this.checkSupervisor(tx, { id, title: dto.title, cityCode: this.node.code }, supervisorId);
      const now = new Date();
      const row = repo.create({
        id,
        cityCode: this.node.code,
        staffId: dto.staffId,
        name: dto.name,
        title: dto.title,
        supervisorId,
        active: dto.active ?? true,
        createdAt: now,
        updatedAt: now,
      });
      try {
        await repo.insert(row);
      } catch (error) {
        // A concurrent request took the staff id between our check and the insert.
        if (isUniqueViolation(error)) throw staffIdTaken(dto.staffId);
        throw error;
      }
      const view = toView(row);
      await this.audit.record(tx, scope.principal, {
        action: 'account_manager.create',
        resourceType: 'account_manager',
        resourceId: id,
        after: view,
      });
      return view;
    });
  }

  async update(scope: AccessScope, id: string, dto: UpdateAccountManagerDto): Promise<AccountManagerView> {
    return this.dataSource.transaction(async (tx) => {
      const repo = tx.getRepository(AccountManagerEntity);
      // Locked first: a concurrent change of this manager's title, or a new report being attached
      // to it, waits for this transaction and then sees its outcome.
      const current = await this.visibleQuery(tx, scope)
        .andWhere('m.id = :id', { id })
        .setLock('pessimistic_write')
        .getOne();
      if (!current) throw notFound();
      const before = toView(current);
      const next: AccountManagerEntity = {
        ...current,
        name: dto.name ?? current.name,
        title: dto.title ?? current.title,
        supervisorId: dto.supervisorId === undefined ? current.supervisorId : dto.supervisorId,
        active: dto.active ?? current.active,
        updatedAt: new Date(),
      };
      const chainChanged =
        next.title !== current.title ||
        next.supervisorId !== current.supervisorId ||
        (next.active && !current.active);
      if (chainChanged) await this.checkSupervisor(tx, next, next.supervisorId);
      if (next.title !== current.title) {
        const problem = reportsProblem(next.title, await this.reportTitles(tx, id, false));
        if (problem) throw new FieldValidationException([{ field: 'title', message: problem }]);
      }
      if (!next.active && current.active && (await this.reportTitles(tx, id, true)).length > 0) {
        throw new FieldValidationException([
          { field: 'active', message: 'this manager still supervises active managers; reassign them first' },
        ]);
      }
      await repo.update(
        { id },
        {
          name: next.name,
          title: next.title,
          supervisorId: next.supervisorId,
          active: next.active,
          updatedAt: next.updatedAt,
        },
      );
      const after = toView(next);
      await this.audit.record(tx, scope.principal, {
        action: 'account_manager.update',
        resourceType: 'account_manager',
        resourceId: id,
        before,
        after,
      });
      return after;
    });
  }

  async get(scope: AccessScope, id: string): Promise<AccountManagerView> {
    const row = await this.visibleQuery(this.dataSource.manager, scope)
      .andWhere('m.id = :id', { id })
      .getOne();
    if (!row) throw notFound();
    return toView(row);
  }

  async list(scope: AccessScope, query: ListAccountManagersQuery): Promise<Page<AccountManagerView>> {
    const qb = this.visibleQuery(this.dataSource.manager, scope);
    if (query.title) qb.andWhere('m.title = :title', { title: query.title });
    if (query.active !== undefined) qb.andWhere('m.active = :active', { active: query.active });
    if (query.supervisorId) qb.andWhere('m.supervisor_id = :sid', { sid: query.supervisorId });
    if (query.q) {
      qb.andWhere('(m.name ILIKE :q OR m.staff_id ILIKE :q)', { q: `%${escapeLike(query.q)}%` });
    }
    const [rows, total] = await qb
      .orderBy('m.staff_id', 'ASC')
      .take(query.limit)
      .skip(query.offset)
      .getManyAndCount();
    return { items: rows.map(toView), total };
  }

  /** The manager, then each supervisor up to the chief. */
  async chain(scope: AccessScope, id: string): Promise<AccountManagerView[]> {
    const ids = await chainIds(this.dataSource.manager, id);
    if (ids.length === 0) throw notFound();
    const rows = await this.visibleQuery(this.dataSource.manager, scope)
      .andWhere('m.id IN (:...ids)', { ids })
      .getMany();
    if (!rows.some((r) => r.id === id)) throw notFound();
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.flatMap((i) => {
      const row = byId.get(i);
      return row ? [toView(row)] : [];
    });
  }

  async reports(
    scope: AccessScope,
    id: string,
    page: { limit: number; offset: number },
  ): Promise<Page<AccountManagerView>> {
    await this.get(scope, id);
    const [rows, total] = await this.visibleQuery(this.dataSource.manager, scope)
      .andWhere('m.supervisor_id = :id', { id })
      .orderBy('m.staff_id', 'ASC')
      .take(page.limit)
      .skip(page.offset)
      .getManyAndCount();
    return { items: rows.map(toView), total };
  }

  private async checkSupervisor(
    tx: EntityManager,
    subject: { id: string; title: ManagerTitle; cityCode: string },
    supervisorId: string | null,
  ): Promise<void> {
    let candidate;
    if (supervisorId !== null) {
      // Share-locked: the supervisor cannot be demoted or deactivated until we commit.
      const row = await tx
        .getRepository(AccountManagerEntity)
        .createQueryBuilder('m')
        .where('m.id = :supervisorId', { supervisorId })
        .setLock('pessimistic_read')
        .getOne();
      if (row) candidate = { ...row, chainIds: await chainIds(tx, row.id) };
    }
    const problem = supervisorProblem(subject, supervisorId, candidate);
    if (problem) throw new FieldValidationException([{ field: 'supervisorId', message: problem }]);
  }

  private async reportTitles(tx: EntityManager, id: string, activeOnly: boolean): Promise<ManagerTitle[]> {
    const rows = await tx.getRepository(AccountManagerEntity).find({
      select: { title: true },
      where: activeOnly ? { supervisorId: id, active: true } : { supervisorId: id },
    });
    return rows.map((r) => r.title);
  }

  /** Managers of the cities the caller reaches (this node's own, for any caller let in). */
  private visibleQuery(manager: EntityManager, scope: AccessScope) {
    return manager
      .getRepository(AccountManagerEntity)
      .createQueryBuilder('m')
      .where('m.city_code = ANY(:cities)', { cities: [...scope.cityCodes()] });
  }

  private requireNodeInScope(scope: AccessScope): void {
    if (!scope.covers(this.node.code)) throw notFound();
  }
}

/** Ids from `id` up through its supervisors (the manager first); empty when `id` is unknown. */
async function chainIds(manager: EntityManager, id: string): Promise<string[]> {
  const rows: { id: string }[] = await manager.query(
    `WITH RECURSIVE chain(id, supervisor_id, depth, path) AS (
       SELECT id, supervisor_id, 0, ARRAY[id] FROM account_manager WHERE id = $1
       UNION ALL
       SELECT m.id, m.supervisor_id, c.depth + 1, c.path || m.id
         FROM account_manager m JOIN chain c ON m.id = c.supervisor_id
        WHERE c.depth < $2 AND NOT m.id = ANY(c.path)
     )
     SELECT id FROM chain ORDER BY depth`,
    [id, MAX_CHAIN_DEPTH],
  );
  return rows.map((r) => r.id);
}

function staffIdTaken(staffId: string): ConflictError {
  return new ConflictError(`staffId ${staffId} already belongs to an account manager`);
}

function notFound(): NotFoundError {
  return new NotFoundError('no such account manager');
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505';
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
