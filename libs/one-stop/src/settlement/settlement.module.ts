import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { AuditModule } from '@kaf/audit';
import { CircuitCompletedHandler } from './circuit-completed.handler';
import { OneStopSettlementController } from './one-stop-settlement.controller';
import { OneStopSettlementService } from './one-stop-settlement.service';
import { SettleFinishedMonthsJob, settleFinishedMonthsSchedule } from './settle-finished-months.job';
import { SETTLEMENT_QUEUE } from './settlement-queues';
import { SettlementRecordsController } from './settlement-records.controller';
import { SettlementRecordsService } from './settlement-records.service';
import { SettlementRunsController } from './settlement-runs.controller';
import { SettlementRunsService } from './settlement-runs.service';
import { SettlementMetrics } from './settlement.metrics';

/**
 * National node (一站业务结算): completed circuits, monthly settlement records splitting each
 * circuit's monthly charge between the regions that carry it, and settled revenue by region.
 */
@Module({
  imports: [BullModule.registerQueue({ name: SETTLEMENT_QUEUE }), AuditModule],
  controllers: [SettlementRunsController, SettlementRecordsController, OneStopSettlementController],
  providers: [
    SettlementMetrics,
    CircuitCompletedHandler,
    SettlementRunsService,
    SettlementRecordsService,
    OneStopSettlementService,
    SettleFinishedMonthsJob,
    settleFinishedMonthsSchedule,
  ],
})
export class SettlementModule {}
