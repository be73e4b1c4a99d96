import { Module } from '@nestjs/common';

/** Province and city: the billing policy as last published by the national node. */
@Module({})
export class BillingPolicyReplicaModule {}
