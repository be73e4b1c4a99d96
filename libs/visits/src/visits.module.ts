import { Module } from '@nestjs/common';
import { AccountManagersModule } from '@kaf/account-managers';
import { AuditModule } from '@kaf/audit';
import { CustomersModule } from '@kaf/customers';
import { TasksController } from './tasks/tasks.controller';
import { TasksService } from './tasks/tasks.service';
import { VisitsController } from './visits/visits.controller';
import { VisitsService } from './visits/visits.service';

/** Customer visits (走访) and the follow-up tasks of account managers. City tier. */
@Module({
  imports: [CustomersModule, AccountManagersModule, AuditModule],
  controllers: [VisitsController, TasksController],
  providers: [VisitsService, TasksService],
  exports: [TasksService],
})
export class VisitsModule {}
