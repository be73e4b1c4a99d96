import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from '@kaf/audit';
import { DeadLettersController } from './dead-letters/dead-letters.controller';
import { FEDERATION_OPTIONS, type FederationOptions, NODE_IDENTITY, TOPOLOGY } from './node-identity';
import { FederatedHandlers } from './senders/federated-handlers';
import { ProbeHandlers } from './probes/probe.handlers';
import { ProbesController } from './probes/probes.controller';
import { ProbesService } from './probes/probes.service';
import { STATUS_REPORT_QUEUE } from './status/federation-queues';
import { FederationController } from './status/federation.controller';
import { NodeStatusReportHandler } from './status/node-status-report.handler';
import { NodeStatusReporter } from './status/node-status.reporter';
import { ReportStatusJob, reportStatusSchedule } from './status/report-status.job';
import { StatusReportScheduler } from './status/status-report.scheduler';

/**
 * The federation itself: node identity, topology, inbox handlers with their declared senders,
 * status reports from children to parents, probes that check the message path between any two
 * nodes, and the operators' dead letters. Global, so every capability can register its handlers
 * through FederatedHandlers.
 */
@Module({})
export class FederationModule {
  static forRoot(options: FederationOptions): DynamicModule {
    return {
      module: FederationModule,
      global: true,
      imports: [BullModule.registerQueue({ name: STATUS_REPORT_QUEUE }), AuditModule],
      controllers: [FederationController, ProbesController, DeadLettersController],
      providers: [
        { provide: FEDERATION_OPTIONS, useValue: options },
        { provide: NODE_IDENTITY, useValue: options.identity },
        { provide: TOPOLOGY, useValue: options.topology },
        FederatedHandlers,
        NodeStatusReporter,
        NodeStatusReportHandler,
        ReportStatusJob,
        StatusReportScheduler,
        reportStatusSchedule,
        ProbesService,
        ProbeHandlers,
      ],
      exports: [NODE_IDENTITY, TOPOLOGY, FEDERATION_OPTIONS, FederatedHandlers],
    };
  }
}
