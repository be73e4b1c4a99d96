import { type DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from '@kaf/audit';
import { BillingAccountRoutesModule } from '@kaf/billing-accounts';
import { ParkedForAccounts } from '../parked/parked-for-accounts.listener';
import { CHUNK_HANDLER } from '../kafka-door/chunk-handler';
import { UsageDoorMetrics } from '../kafka-door/usage-door.metrics';
import { UsageKafkaDoorConsumer } from '../kafka-door/usage-kafka-door.consumer';
import {
  DEFAULT_USAGE_KAFKA_DOOR_OPTIONS,
  USAGE_KAFKA_DOOR_OPTIONS,
  type UsageKafkaDoorOptions,
} from '../kafka-door/usage-kafka-door.options';
import { PARKED_EVENT_REPLAYER } from '../parked/parked-event-replayer';
import { ParkedEventsController } from '../parked/parked-events.controller';
import { ParkedEventsRepository } from '../parked/parked-events.repository';
import { ParkedEventsService } from '../parked/parked-events.service';
import { BillingEventRouter } from './billing-event.router';
import { ProvinceBatchesController } from './province-batches.controller';
import { ProvinceBatchesService } from './province-batches.service';
import { ProvinceChunkRouter } from './province-chunk.router';
import { RoutingReplayer } from './routing-replayer';

/**
 * The province-wide billing door (省集中计费): the city doors' REST resources and a Kafka topic
 * of the province's own, each event routed by its billing account to the city that holds it,
 * through the outbox; what cannot be routed is parked here, in the city's parked-events design.
 */
@Module({
  imports: [AuditModule, BillingAccountRoutesModule],
  controllers: [ProvinceBatchesController, ParkedEventsController],
  providers: [
    BillingEventRouter,
    ProvinceBatchesService,
    ProvinceChunkRouter,
    RoutingReplayer,
    ParkedEventsRepository,
    ParkedEventsService,
    ParkedForAccounts,
    UsageDoorMetrics,
    UsageKafkaDoorConsumer,
    { provide: CHUNK_HANDLER, useExisting: ProvinceChunkRouter },
    { provide: PARKED_EVENT_REPLAYER, useExisting: RoutingReplayer },
    { provide: USAGE_KAFKA_DOOR_OPTIONS, useValue: DEFAULT_USAGE_KAFKA_DOOR_OPTIONS },
  ],
})
export class ProvinceBillingDoorModule {
  static forRoot(options: { kafkaDoor?: Partial<UsageKafkaDoorOptions> }): DynamicModule {
    return {
      module: ProvinceBillingDoorModule,
      providers: [
        {
          provide: USAGE_KAFKA_DOOR_OPTIONS,
          useValue: { ...DEFAULT_USAGE_KAFKA_DOOR_OPTIONS, ...options.kafkaDoor },
        },
      ],
    };
  }
}
