import { uuidv7 } from '@kaf/messaging';
import { normaliseClasses } from '../domain/customer-vocabulary';
import type { CreateCustomerDto } from './create-customer.dto';
import type { CustomerEntity } from './customer.entity';

/** Where a new customer belongs and who created it: from the node and the token, never the body. */
export interface NewCustomerContext {
  cityCode: string;
  manager: { id: string; staffId: string } | undefined;
  createdBy: string;
  now: Date;
}

/** A new customer row: a prospect, version 1, in no group. One shape for API creates and imports. */
export function newCustomer(dto: CreateCustomerDto, context: NewCustomerContext): CustomerEntity {
  return {
    id: uuidv7(),
    cityCode: context.cityCode,
    name: dto.name,
    creditCode: dto.creditCode,
    industry: dto.industry,
    classes: normaliseClasses(dto.classes ?? [], false),
    grade: dto.grade,
    status: 'prospect',
    statusReason: null,
    gridCode: dto.gridCode ?? null,
    address: dto.address ?? null,
    managerId: context.manager?.id ?? null,
    managerStaffId: context.manager?.staffId ?? null,
    groupCode: null,
    version: '1',
    createdAt: context.now,
    updatedAt: context.now,
    createdBy: context.createdBy,
  };
}
