import { Module } from '@nestjs/common';
import { AuditModule } from '@kaf/audit';
import { AccountManagerDirectory } from './account-manager.directory';
import { AccountManagersController } from './account-managers.controller';
import { AccountManagersService } from './account-managers.service';

/** The city's account-manager chain: account manager → supervisor → chief. */
@Module({
  imports: [AuditModule],
  controllers: [AccountManagersController],
  providers: [AccountManagersService, AccountManagerDirectory],
  exports: [AccountManagerDirectory],
})
export class AccountManagersModule {}
