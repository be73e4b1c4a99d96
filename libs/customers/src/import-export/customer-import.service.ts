import { Inject, Injectable } from '@nestjs/common';
import { AccountManagerDirectory, type ManagerRef } from '@kaf/account-managers';
import { AuditTrail } from '@kaf/audit';
import type { AccessScope } from '@kaf/auth';
import { NODE_IDENTITY, type NodeIdentity } from '@kaf/federation';
import { uuidv7 } from '@kaf/messaging';
import {
  CONTROL_CHARACTERS,
  type FieldError,
  FieldValidationException,
  ConflictError,
  importRejection as rejection,
  rowErrors,
} from '@kaf/platform';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DataSource, type EntityManager, In } from 'typeorm';
import { CustomerAssignmentEntity } from '../assignments/customer-assignment.entity';
import { CustomerStatusChangeEntity } from '../lifecycle/customer-status-change.entity';
import { CreateCustomerDto } from '../profile/create-customer.dto';
import { newCustomer } from '../profile/new-customer';
import { CustomerEntity } from '../profile/customer.entity';
import { toCustomerView } from '../profile/customer.view';
import { CustomerSnapshotPublisher } from '../snapshots/customer-snapshot.publisher';
import { CLASS_SEPARATOR, type CsvRow, parseImportCsv } from './customer-csv';

/** Rows per INSERT: ~20 columns each keeps a statement far below PostgreSQL's 65,535 binds. */
const INSERT_CHUNK = 1000;

export interface ImportResult {
  importId: string;
  rows: number;
  imported: number;
  dryRun: boolean;
}

interface ValidRow {
  line: number;
  dto: CreateCustomerDto;
  manager: ManagerRef | undefined;
}

/**
 * Imports customers from CSV, all or nothing: every row is checked first (field rules, duplicate
 * credit codes in the file and in the city, manager staff ids); one bad row rejects the file with
 * a report naming each bad row by line and field, and nothing is written. A clean file is written
 * in one transaction together with its audit entries and upward snapshots.
 */
@Injectable()
export class CustomerImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly managers: AccountManagerDirectory,
    private readonly audit: AuditTrail,
    private readonly snapshots: CustomerSnapshotPublisher,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
  ) {}

  async import(scope: AccessScope, csv: string, dryRun: boolean): Promise<ImportResult> {
    const rows = parseImportCsv(csv);
    const importId = uuidv7();
    const errors: FieldError[] = [];
    const valid = await this.validate(rows, errors);
    await this.checkAgainstCity(valid, errors, this.dataSource.manager);
    if (errors.length) throw rejection(errors, rows.length);
    if (dryRun) return { importId, rows: rows.length, imported: 0, dryRun };
    try {
      await this.dataSource.transaction(async (tx) => {
        // Re-checked inside the transaction: another import may have registered a code meanwhile.
        await this.checkAgainstCity(valid, errors, tx);
        if (errors.length) throw rejection(errors, rows.length);
        await this.write(tx, scope, valid, importId);
      });
    } catch (error) {
      if ((error as { code?: string }).code === '23505') {
        throw new ConflictError('creditCode: a customer in this file was registered concurrently; retry');
      }
      throw error;
    }
    return { importId, rows: rows.length, imported: valid.length, dryRun };
  }

  private async validate(rows: readonly CsvRow[], errors: FieldError[]): Promise<ValidRow[]> {
    const valid: ValidRow[] = [];
    const firstLineOf = new Map<string, number>();
    const managers = await this.resolveManagers(rows);
    for (const { line, values } of rows) {
      const controls = Object.entries(values).filter(([, v]) => CONTROL_CHARACTERS.test(v ?? ''));
      if (controls.length) {
        errors.push(
          ...controls.map(([field]) => ({ line, field, message: 'must not contain control characters' })),
        );
        continue;
      }
      const plain = {
        name: values.name,
        creditCode: values.creditCode,
        industry: values.industry,
        grade: values.grade,
        ...(values.classes ? { classes: values.classes.split(CLASS_SEPARATOR).map((c) => c.trim()) } : {}),
        ...(values.gridCode ? { gridCode: values.gridCode } : {}),
        ...(values.address ? { address: values.address } : {}),
      };
      const dto = plainToInstance(CreateCustomerDto, plain);
      const problems = rowErrors(validateSync(dto, { whitelist: true, forbidNonWhitelisted: true }), line);
      const staffId = values.managerStaffId;
      const manager = staffId ? managers.get(staffId) : undefined;
      if (staffId && !manager) {
        problems.push({ line, field: 'managerStaffId', message: `no active account manager ${staffId}` });
      }
      if (!problems.some((e) => e.field === 'creditCode')) {
        const earlier = firstLineOf.get(dto.creditCode);
        if (earlier !== undefined) {
          problems.push({ line, field: 'creditCode', message: `duplicates line ${earlier}` });
        } else {
          firstLineOf.set(dto.creditCode, line);
        }
      }
      if (problems.length) errors.push(...problems);
      else valid.push({ line, dto, manager });
    }
    return valid;
  }

  private async resolveManagers(rows: readonly CsvRow[]): Promise<Map<string, ManagerRef>> {
    const staffIds = [...new Set(rows.map((r) => r.values.managerStaffId).filter((s): s is string => !!s))];
    const found = new Map<string, ManagerRef>();
    for (const staffId of staffIds) {
      const manager = await this.managers.findByStaffId(staffId);
      if (!manager) continue;
      try {
        found.set(staffId, await this.managers.requireActive(manager.id, 'managerStaffId'));
      } catch (error) {
        if (!(error instanceof FieldValidationException)) throw error;
      }
    }
    return found;
  }

  private async checkAgainstCity(valid: ValidRow[], errors: FieldError[], db: EntityManager): Promise<void> {
    const codes = valid.map((r) => r.dto.creditCode);
    const taken = new Set<string>();
    for (let i = 0; i < codes.length; i += 10_000) {
      const existing = await db.getRepository(CustomerEntity).find({
        select: { creditCode: true },
        where: { cityCode: this.identity.code, creditCode: In(codes.slice(i, i + 10_000)) },
      });
      for (const c of existing) taken.add(c.creditCode);
    }
    for (const row of valid) {
      if (taken.has(row.dto.creditCode)) {
        errors.push({
          line: row.line,
          field: 'creditCode',
          message: 'a customer with this credit code exists',
        });
      }
    }
  }

  private async write(
    tx: EntityManager,
    scope: AccessScope,
    rows: ValidRow[],
    importId: string,
  ): Promise<void> {
    const now = new Date();
    const customers = rows.map(({ dto, manager }) =>
      newCustomer(dto, { cityCode: this.identity.code, manager, createdBy: scope.principal.subject, now }),
    );
    for (let i = 0; i < customers.length; i += INSERT_CHUNK) {
      const chunk = customers.slice(i, i + INSERT_CHUNK);
      await tx.getRepository(CustomerEntity).insert(chunk);
      await tx.getRepository(CustomerStatusChangeEntity).insert(
        chunk.map((c) => ({
          id: uuidv7(),
          customerId: c.id,
          fromStatus: null,
          toStatus: 'prospect' as const,
          reason: `import ${importId}`,
          changedBy: scope.principal.subject,
          changedAt: now,
        })),
      );
      const assigned = chunk.filter((c) => c.managerId !== null);
      if (assigned.length) {
        await tx.getRepository(CustomerAssignmentEntity).insert(
          assigned.map((c) => ({
            id: uuidv7(),
            customerId: c.id,
            fromManagerId: null,
            toManagerId: c.managerId,
            reason: `import ${importId}`,
            transferId: null,
            assignedBy: scope.principal.subject,
            assignedAt: now,
          })),
        );
      }
    }
    await this.audit.recordMany(
      tx,
      scope.principal,
      customers.map((c) => ({
        action: 'customer.import',
        resourceType: 'customer',
        resourceId: c.id,
        after: { ...toCustomerView(c), importId },
      })),
    );
    await this.snapshots.publish(tx, customers);
  }
}
