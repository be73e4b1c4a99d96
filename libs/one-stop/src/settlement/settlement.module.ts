import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { AuditModule } from '@kaf/audit';
import { CircuitCompletedHandler } from './circuit-completed.handler';
import { MonthSettlement } from './month-settlement';
import { OneStopCircuitRepository } from './one-stop-circuit.repository';
import { OneStopSettlementController } from './one-stop-settlement.controller';
import { OneStopSettlementService } from './one-stop-settlement.service';
import { SettleFinishedMonthsJob, settleFinishedMonthsSchedule } from './settle-finished-months.job';
import { SettlementCircuitsController } from './settlement-circuits.controller';
import { SettlementCircuitsService } from './settlement-circuits.service';
import { SETTLEMENT_QUEUE } from './settlement-queues';
import { SettlementRecordRepository } from './settlement-record.repository';
import { SettlementRecordsController } from './settlement-records.controller';
import { SettlementRecordsService } from './settlement-records.service';
import { SettlementRunsController } from './settlement-runs.controller';
import { SettlementRunsService } from './settlement-runs.service';
import { SettlementMetrics } from './settlement.metrics';

/**
 * National node (一站业务结算): circuits and their versions, monthly settlement records splitting
 * each circuit's day-prorated charge between the regions that carry it (corrections when a
 * version arrives late), and settled revenue by region.
 */
@Module({
  imports: [BullModule.registerQueue({ name: SETTLEMENT_QUEUE }), AuditModule],
  controllers: [
    SettlementRunsController,
    SettlementRecordsController,
    SettlementCircuitsController,
    OneStopSettlementController,
  ],
  providers: [
    SettlementMetrics,
    OneStopCircuitRepository,
    SettlementRecordRepository,
    MonthSettlement,
    CircuitCompletedHandler,
    SettlementRunsService,
    SettlementRecordsService,
    SettlementCircuitsService,
    OneStopSettlementService,
    SettleFinishedMonthsJob,
    settleFinishedMonthsSchedule,
  ],
})
export class SettlementModule {}
