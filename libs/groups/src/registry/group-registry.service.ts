import { Inject, Injectable } from '@nestjs/common';
import { AuditTrail } from '@kaf/audit';
import type { AccessScope } from '@kaf/auth';
import { NODE_IDENTITY, type NodeIdentity, TOPOLOGY, type Topology } from '@kaf/federation';
import { FieldValidationException, ConflictError, ForbiddenError, NotFoundError } from '@kaf/platform';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import { groupCodeFor } from '../group-code';
import { type GroupCustomerView, toGroupCustomerView } from '../group-customer.view';
import { applyGroupFilters, type ListGroupCustomersQuery } from '../list-group-customers.query';
import type { CreateGroupCustomerDto } from './create-group-customer.dto';
import { GroupCustomerEntity } from './group-customer.entity';
import { GroupMembersService } from './group-members.service';
import { GroupRegistryPublication } from './group-registry.publication';
import type { GroupCustomerDetailView } from './group-registry.views';
import type { UpdateGroupCustomerDto } from './update-group-customer.dto';

const CREDIT_CODE_KEY = 'group_customer_credit_code_key';
const PATCHABLE = ['name', 'industry', 'grade', 'leadNode', 'status'] as const;

/** The national group-customer registry: every write is audited and published in one transaction. */
@Injectable()
export class GroupRegistryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly publication: GroupRegistryPublication,
    private readonly members: GroupMembersService,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
    @Inject(TOPOLOGY) private readonly topology: Topology,
  ) {}

  async list(query: ListGroupCustomersQuery): Promise<{ items: GroupCustomerView[]; total: number }> {
    const qb = this.dataSource.getRepository(GroupCustomerEntity).createQueryBuilder('g');
    const [rows, total] = await applyGroupFilters(qb, 'g', query).getManyAndCount();
    return { items: rows.map(toGroupCustomerView), total };
  }

  async detail(code: string, scope: AccessScope): Promise<GroupCustomerDetailView> {
    const group = await this.dataSource
      .getRepository(GroupCustomerEntity)
      .findOne({ where: { groupCode: code } });
    if (!group) throw notFound(code);
    const byProvince = await this.members.countByProvince(code, scope);
    return {
      ...toGroupCustomerView(group),
      createdAt: group.createdAt.toISOString(),
      memberCount: byProvince.reduce((sum, p) => sum + p.memberCount, 0),
      membersByProvince: byProvince,
    };
  }

  async create(dto: CreateGroupCustomerDto, scope: AccessScope): Promise<GroupCustomerDetailView> {
    this.requireNationalStaff(scope);
    const leadNode = this.requireLeadNode(dto.leadNode ?? this.identity.code);
    const code = await this.dataSource
      .transaction(async (tx) => {
        await this.requireUnusedCreditCode(tx, dto.creditCode);
        const [seq] = await tx.query<{ n: string }[]>(`SELECT nextval('group_customer_code_seq')::text AS n`);
        const group = tx.getRepository(GroupCustomerEntity).create({
          groupCode: groupCodeFor(seq!.n),
          name: dto.name,
          creditCode: dto.creditCode,
          industry: dto.industry,
          grade: dto.grade,
          status: 'active',
          leadNode,
          version: '1',
        });
        await tx.getRepository(GroupCustomerEntity).insert(group);
        const saved = await tx
          .getRepository(GroupCustomerEntity)
          .findOneByOrFail({ groupCode: group.groupCode });
        await this.audit.record(tx, scope.principal, {
          action: 'group-customer.create',
          resourceType: 'group-customer',
          resourceId: saved.groupCode,
          after: toGroupCustomerView(saved),
        });
        await this.publication.publish(tx, [saved]);
        return saved.groupCode;
      })
      .catch((error: unknown) => {
        // Two registrations of one parent company racing past the check above.
        if (
          error instanceof QueryFailedError &&
          (error.driverError as { constraint?: string }).constraint === CREDIT_CODE_KEY
        )
          throw creditCodeTaken(dto.creditCode);
        throw error;
      });
    return this.detail(code, scope);
  }

  /** Merge-patch; a patch that changes nothing writes nothing (no new version, no publication). */
  async update(
    code: string,
    dto: UpdateGroupCustomerDto,
    scope: AccessScope,
  ): Promise<GroupCustomerDetailView> {
    this.requireNationalStaff(scope);
    if (dto.leadNode !== undefined) this.requireLeadNode(dto.leadNode);
    await this.dataSource.transaction(async (tx) => {
      const repo = tx.getRepository(GroupCustomerEntity);
      const before = await repo.findOne({ where: { groupCode: code }, lock: { mode: 'pessimistic_write' } });
      if (!before) throw notFound(code);
      const changes: Partial<Record<(typeof PATCHABLE)[number], string>> = {};
      for (const field of PATCHABLE) {
        const value = dto[field];
        if (value !== undefined && value !== before[field]) changes[field] = value;
      }
      if (Object.keys(changes).length === 0) return;
      await repo.update(
        { groupCode: code },
        { ...changes, version: () => 'version + 1', updatedAt: () => 'now()' },
      );
      const after = await repo.findOneByOrFail({ groupCode: code });
      await this.audit.record(tx, scope.principal, {
        action:
          after.status === 'dissolved' && before.status !== 'dissolved'
            ? 'group-customer.dissolve'
            : 'group-customer.update',
        resourceType: 'group-customer',
        resourceId: code,
        before: toGroupCustomerView(before),
        after: toGroupCustomerView(after),
      });
      await this.publication.publish(tx, [after]);
    });
    return this.detail(code, scope);
  }

  /** The registry is national: only principals of the national node change it. */
  private requireNationalStaff(scope: AccessScope): void {
    if (!scope.covers(this.identity.code)) {
      throw new ForbiddenError(`the group registry is maintained by staff of node ${this.identity.code}`);
    }
  }

  private requireLeadNode(code: string): string {
    const node = this.topology.find(code);
    if (!node) {
      throw new FieldValidationException([
        { field: 'leadNode', message: `node ${code} is not in the federation` },
      ]);
    }
    return node.code;
  }

  private async requireUnusedCreditCode(tx: EntityManager, creditCode: string): Promise<void> {
    const existing = await tx
      .getRepository(GroupCustomerEntity)
      .findOne({ where: { creditCode }, select: { groupCode: true } });
    if (existing) throw creditCodeTaken(creditCode, existing.groupCode);
  }
}

function notFound(code: string): NotFoundError {
  return new NotFoundError(`group customer ${code} not found`);
}

function creditCodeTaken(creditCode: string, groupCode?: string): ConflictError {
  return new ConflictError(
    `creditCode: ${creditCode} is already registered${groupCode ? ` as group ${groupCode}` : ''}`,
  );
}
