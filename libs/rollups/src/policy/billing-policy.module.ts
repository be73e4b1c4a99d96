import { Module } from '@nestjs/common';
import { AuditModule } from '@kaf/audit';
import { BillingPolicyController } from './billing-policy.controller';
import { BillingPolicyPublisher } from './billing-policy.publisher';
import { BillingPolicyResyncHandler } from './billing-policy-resync.handler';
import { BillingPolicyService } from './billing-policy.service';
import { BILLING_POLICY_READER } from './billing-policy.reader';

/**
 * National: the billing policy, set by HQ (audited, versioned) and published to every province
 * and city; also exported as `BILLING_POLICY_READER` for the national node's own use.
 */
@Module({
  imports: [AuditModule],
  controllers: [BillingPolicyController],
  providers: [
    BillingPolicyService,
    BillingPolicyPublisher,
    BillingPolicyResyncHandler,
    { provide: BILLING_POLICY_READER, useExisting: BillingPolicyService },
  ],
  exports: [BILLING_POLICY_READER],
})
export class BillingPolicyModule {}
