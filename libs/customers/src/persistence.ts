import { CustomerAssignmentEntity } from './assignments/customer-assignment.entity';
import { CustomerStatusChangeEntity } from './lifecycle/customer-status-change.entity';
import { CreateCustomerTables1795457460882 } from './migrations/1795457460882-CreateCustomerTables';
import { AddReportedManagerStaffId1795460275498 } from './migrations/1795460275498-AddReportedManagerStaffId';
import { CustomerEntity } from './profile/customer.entity';
import { ReportedCustomerEntity } from './reports/reported-customer.entity';

/** Tables of the customers capability (city tables and the province's read model). */
export const CUSTOMERS_ENTITIES = [
  CustomerEntity,
  CustomerStatusChangeEntity,
  CustomerAssignmentEntity,
  ReportedCustomerEntity,
];
export const CUSTOMERS_MIGRATIONS = [
  CreateCustomerTables1795457460882,
  AddReportedManagerStaffId1795460275498,
];
