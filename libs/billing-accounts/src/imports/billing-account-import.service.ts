import { Injectable } from '@nestjs/common';
import type { AccessScope } from '@kaf/auth';
import { CustomerDirectory } from '@kaf/customers';
import {
  CONTROL_CHARACTERS,
  type CsvImportRow,
  type FieldError,
  importRejection,
  parseCsvImport,
  rowErrors,
  uuidv7,
} from '@kaf/platform';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DataSource, type EntityManager } from 'typeorm';
import { CreateBillingAccountDto } from '../accounts/billing-account.dto';
import { BillingAccountRepository } from '../accounts/billing-account.repository';
import { BillingAccountWrites } from '../accounts/billing-account-writes';
import { BillingAccountsService } from '../accounts/billing-accounts.service';

export const ACCOUNT_IMPORT_COLUMNS = [
  'credit_code',
  'customer_id',
  'source',
  'account_number',
  'opened_on',
  'closed_on',
  'paid_by_account',
] as const;
type Column = (typeof ACCOUNT_IMPORT_COLUMNS)[number];
const LAYOUT = {
  columns: ACCOUNT_IMPORT_COLUMNS,
  required: ['source', 'account_number', 'opened_on'] as const,
  records: 'accounts',
  maxRows: 50_000,
};
/** The request field each column fills, to name problems by column. */
const COLUMN_OF: Record<string, Column> = {
  source: 'source',
  accountNumber: 'account_number',
  openedOn: 'opened_on',
  closedOn: 'closed_on',
  paidByAccount: 'paid_by_account',
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface AccountImportResult {
  importId: string;
  rows: number;
  imported: number;
  dryRun: boolean;
}

interface ValidRow {
  line: number;
  dto: CreateBillingAccountDto;
  creditCode?: string;
  customerId?: string;
}

/**
 * Imports accounts from CSV, all or nothing (ADR 0012): every row is checked first (fields, the
 * customer named by credit code or id, numbers repeated in the file or taken in the city); one
 * bad row rejects the file with every problem by line and column, and nothing is written. A clean
 * file is written in one transaction with its audit entries, snapshots and change listeners.
 */
@Injectable()
export class BillingAccountImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly customers: CustomerDirectory,
    private readonly accounts: BillingAccountRepository,
    private readonly service: BillingAccountsService,
    private readonly writes: BillingAccountWrites,
  ) {}

  async import(scope: AccessScope, csv: string, dryRun: boolean): Promise<AccountImportResult> {
    const rows = parseCsvImport(csv, LAYOUT);
    const importId = uuidv7();
    const errors: FieldError[] = [];
    const valid = this.validate(rows, errors);
    await this.checkAgainstCity(valid, errors, this.dataSource.manager);
    if (errors.length) throw importRejection(errors, rows.length);
    if (dryRun) return { importId, rows: rows.length, imported: 0, dryRun };
    await this.dataSource.transaction(async (tx) => {
      // Again inside the transaction: another writer may have registered a number meanwhile.
      const holders = await this.checkAgainstCity(valid, errors, tx);
      if (errors.length) throw importRejection(errors, rows.length);
      const created = valid.map((r, i) =>
        this.service.newAccount(holders[i]!, {
          source: r.dto.source,
          accountNumber: r.dto.accountNumber,
          openedOn: r.dto.openedOn,
          closedOn: r.dto.closedOn ?? null,
          paidByAccount: r.dto.paidByAccount ?? null,
        }),
      );
      await this.writes.create(tx, scope.principal, 'billing-account.import', created, { importId });
    });
    return { importId, rows: rows.length, imported: valid.length, dryRun };
  }

  private validate(rows: readonly CsvImportRow<Column>[], errors: FieldError[]): ValidRow[] {
    const valid: ValidRow[] = [];
    const firstLineOf = new Map<string, number>();
    for (const { line, values } of rows) {
      const controls = Object.entries(values).filter(([, v]) => CONTROL_CHARACTERS.test(v ?? ''));
      if (controls.length) {
        errors.push(
          ...controls.map(([field]) => ({ line, field, message: 'must not contain control characters' })),
        );
        continue;
      }
      const problems: FieldError[] = [];
      const { credit_code: creditCode, customer_id: customerId } = values;
      if ((creditCode === undefined) === (customerId === undefined)) {
        problems.push({ line, field: 'credit_code', message: 'give either credit_code or customer_id' });
      }
      if (customerId !== undefined && !UUID.test(customerId)) {
        problems.push({ line, field: 'customer_id', message: 'must be a UUID' });
      }
      const dto = plainToInstance(CreateBillingAccountDto, {
        source: values.source,
        accountNumber: values.account_number,
        openedOn: values.opened_on,
        ...(values.closed_on ? { closedOn: values.closed_on } : {}),
        ...(values.paid_by_account ? { paidByAccount: values.paid_by_account } : {}),
      });
      const fieldErrors = rowErrors(validateSync(dto, { whitelist: true, forbidNonWhitelisted: true }), line);
      problems.push(...fieldErrors.map((e) => ({ ...e, field: COLUMN_OF[e.field] ?? e.field })));
      if (fieldErrors.length === 0) {
        if (dto.closedOn && dto.closedOn < dto.openedOn) {
          problems.push({
            line,
            field: 'closed_on',
            message: `must not be before opened_on (${dto.openedOn})`,
          });
        }
        if (dto.paidByAccount === dto.accountNumber) {
          problems.push({ line, field: 'paid_by_account', message: 'must name another account' });
        }
        const key = `${dto.source}\u0000${dto.accountNumber}`;
        const earlier = firstLineOf.get(key);
        if (earlier !== undefined) {
          problems.push({ line, field: 'account_number', message: `duplicates line ${earlier}` });
        } else {
          firstLineOf.set(key, line);
        }
      }
      if (problems.length) errors.push(...problems);
      else
        valid.push({
          line,
          dto,
          ...(creditCode ? { creditCode } : {}),
          ...(customerId ? { customerId } : {}),
        });
    }
    return valid;
  }

  /**
   * Finds each row's customer and refuses numbers the city holds already; the customer id of each
   * valid row, in order (empty for a refused one).
   */
  private async checkAgainstCity(
    valid: readonly ValidRow[],
    errors: FieldError[],
    db: EntityManager,
  ): Promise<string[]> {
    const byCode = await this.customers.idsByCreditCode(
      [...new Set(valid.flatMap((r) => (r.creditCode ? [r.creditCode] : [])))],
      db,
    );
    const known = await this.customers.existingIds(
      [...new Set(valid.flatMap((r) => (r.customerId ? [r.customerId] : [])))],
      db,
    );
    const taken = new Set<string>();
    const bySource = new Map<string, string[]>();
    for (const r of valid)
      bySource.set(r.dto.source, [...(bySource.get(r.dto.source) ?? []), r.dto.accountNumber]);
    for (const [source, numbers] of bySource) {
      for (const n of await this.accounts.existingNumbers(db, source, numbers))
        taken.add(`${source}\u0000${n}`);
    }
    return valid.map((r) => {
      if (taken.has(`${r.dto.source}\u0000${r.dto.accountNumber}`)) {
        errors.push({
          line: r.line,
          field: 'account_number',
          message: `${r.dto.accountNumber} is already an account of ${r.dto.source} in this city`,
        });
      }
      if (r.creditCode !== undefined) {
        const id = byCode.get(r.creditCode);
        if (id) return id;
        errors.push({
          line: r.line,
          field: 'credit_code',
          message: 'no customer of this city has this credit code',
        });
        return '';
      }
      if (known.has(r.customerId!)) return r.customerId!;
      errors.push({ line: r.line, field: 'customer_id', message: 'not a customer of this city' });
      return '';
    });
  }
}
