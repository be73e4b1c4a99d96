import { Injectable, type OnModuleInit } from '@nestjs/common';
import { BillingAccountChanges } from '@kaf/billing-accounts';
import { ParkedEventsService } from './parked-events.service';

/**
 * Takes in the events parked for an account the moment the account is opened or changed, in
 * that change's transaction: a city books them, a province routes them (its replayer decides).
 */
@Injectable()
export class ParkedForAccounts implements OnModuleInit {
  constructor(
    private readonly changes: BillingAccountChanges,
    private readonly parked: ParkedEventsService,
  ) {}

  onModuleInit(): void {
    this.changes.onChanged(async (tx, principal, accounts) => {
      await this.parked.replayForAccounts(tx, principal, accounts);
    });
  }
}
