import { Module } from '@nestjs/common';
import { WorkingCalendarReader } from './calendar/working-calendar.reader';
import { ServicePolicyReader } from './policy/service-policy.reader';

/**
 * The readers of the service policy and the working-day calendar in force at this node, for any
 * lib that times service (the city's tickets import it). They read the documents the node keeps
 * (`@kaf/documents`, global), so the module needs nothing else.
 */
@Module({
  providers: [ServicePolicyReader, WorkingCalendarReader],
  exports: [ServicePolicyReader, WorkingCalendarReader],
})
export class ServicePolicyModule {}
