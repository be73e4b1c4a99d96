import { Module } from '@nestjs/common';

/** National: the billing policy, set by HQ and published to every province and city. */
@Module({})
export class BillingPolicyModule {}
