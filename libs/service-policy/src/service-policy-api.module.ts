import { type DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from '@kaf/audit';
import type { NodeTier } from '@kaf/federation';
import { WorkingCalendarController } from './calendar/working-calendar.controller';
import { WorkingCalendarService } from './calendar/working-calendar.service';
import { ServicePolicyController, ServicePolicyOverrideController } from './policy/service-policy.controller';
import { ServicePolicyService } from './policy/service-policy.service';
import { ServicePolicyModule } from './service-policy.module';

/**
 * The endpoints of the service policy and the working calendar at a node of `tier`: every node
 * reads what is in force there; CN sets both, a province sets and withdraws its own policy. The
 * write routes exist at every tier so that a city refuses them with 403 rather than hiding them.
 */
@Module({})
export class ServicePolicyApiModule {
  static forTier(tier: NodeTier): DynamicModule {
    return {
      module: ServicePolicyApiModule,
      imports: [AuditModule, ServicePolicyModule],
      controllers: [
        ServicePolicyController,
        WorkingCalendarController,
        ...(tier === 'province' ? [ServicePolicyOverrideController] : []),
      ],
      providers: [ServicePolicyService, WorkingCalendarService],
    };
  }
}
