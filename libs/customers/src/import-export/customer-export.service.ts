import { Injectable } from '@nestjs/common';
import type { AccessScope } from '@kaf/auth';
import { stringify } from 'csv-stringify/sync';
import { DataSource } from 'typeorm';
import { CustomerEntity } from '../profile/customer.entity';
import { applyCustomerFilters, type CustomerFilterQuery } from '../query/customer-query';
import { CLASS_SEPARATOR, EXPORT_COLUMNS, safeCell } from './customer-csv';

/** Rows fetched per round trip while streaming an export. */
const PAGE = 2000;

/**
 * Streams the customers a scope reaches, filtered like a list, as CSV. Pages by id (keyset), so
 * memory stays flat whatever the size of the city, and a row is never skipped or repeated.
 */
@Injectable()
export class CustomerExportService {
  constructor(private readonly dataSource: DataSource) {}

  async *csv(scope: AccessScope, filters: CustomerFilterQuery): AsyncGenerator<string> {
    yield stringify([[...EXPORT_COLUMNS]], { bom: true });
    let after: string | undefined;
    for (;;) {
      const qb = applyCustomerFilters(
        this.dataSource.getRepository(CustomerEntity).createQueryBuilder('c'),
        scope,
        filters,
      );
      if (after) qb.andWhere('c.id > :after', { after });
      const rows = await qb.orderBy('c.id', 'ASC').limit(PAGE).getMany();
      if (rows.length === 0) return;
      yield stringify(rows.map(toRecord));
      after = rows[rows.length - 1]!.id;
    }
  }
}

function toRecord(c: CustomerEntity): string[] {
  const byColumn: Record<(typeof EXPORT_COLUMNS)[number], string | null> = {
    id: c.id,
    name: c.name,
    creditCode: c.creditCode,
    industry: c.industry,
    grade: c.grade,
    classes: c.classes.join(CLASS_SEPARATOR),
    gridCode: c.gridCode,
    address: c.address,
    managerStaffId: c.managerStaffId,
    cityCode: c.cityCode,
    status: c.status,
    groupCode: c.groupCode,
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
  return EXPORT_COLUMNS.map((column) => safeCell(byColumn[column]));
}
