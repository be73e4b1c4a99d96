import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { CustomerResyncs } from '@kaf/customers';
import { NODE_IDENTITY, type NodeIdentity } from '@kaf/federation';
import { BillingAccountSnapshotPublisher } from './billing-account-snapshot.publisher';

/**
 * When the parent province asks the city for its customers again, the accounts go with them:
 * its read model of accounts is rebuilt by the same request. The national node routes nothing,
 * so it gets none.
 */
@Injectable()
export class BillingAccountResync implements OnModuleInit {
  private readonly logger = new Logger(BillingAccountResync.name);

  constructor(
    private readonly resyncs: CustomerResyncs,
    private readonly publisher: BillingAccountSnapshotPublisher,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
  ) {}

  onModuleInit(): void {
    this.resyncs.onResync(async (tx, requester) => {
      if (requester !== this.identity.parentCode) return;
      const sent = await this.publisher.resend(tx, requester);
      this.logger.log({ msg: 'billing account snapshots re-sent', requester, accounts: sent });
    });
  }
}
