import { UsageEventEntity } from './ledger/usage-event.entity';
import { CreateUsageLedger1795463841487 } from './migrations/1795463841487-CreateUsageLedger';
import { ReportMonthlyUsage1795827186276 } from './migrations/1795827186276-ReportMonthlyUsage';
import { CreateParkedUsageEvents1795827295596 } from './migrations/1795827295596-CreateParkedUsageEvents';
import { CreateArrearsMonth1796710000001 } from './migrations/1796710000001-CreateArrearsMonth';
import { CreateBillsAndPayments1796710000002 } from './migrations/1796710000002-CreateBillsAndPayments';
import { ParkEventsByAccount1796730000001 } from './migrations/1796730000001-ParkEventsByAccount';
import { MonthlyUsageEntity } from './monthly/monthly-usage.entity';
import { ParkedUsageEventEntity } from './parked/parked-usage-event.entity';
import { ArrearsMonthEntity } from './receivables/arrears-month.entity';
import { BillEntity } from './receivables/bill.entity';
import { PaymentEntity } from './receivables/payment.entity';
import { ReportArrears1796720000001 } from './migrations/1796720000001-ReportArrears';
import { ArrearsCellEntity } from './reporting/arrears-cell.entity';

/** Tables owned by the billing capability, for the node's DataSource. */
export const BILLING_ENTITIES = [
  UsageEventEntity,
  MonthlyUsageEntity,
  ParkedUsageEventEntity,
  ArrearsMonthEntity,
  BillEntity,
  PaymentEntity,
  ArrearsCellEntity,
];
export const BILLING_MIGRATIONS = [
  CreateUsageLedger1795463841487,
  ReportMonthlyUsage1795827186276,
  CreateParkedUsageEvents1795827295596,
  CreateArrearsMonth1796710000001,
  CreateBillsAndPayments1796710000002,
  ReportArrears1796720000001,
  ParkEventsByAccount1796730000001,
];
