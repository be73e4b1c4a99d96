import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Requires } from '@kaf/auth';
import { BillingPolicyReplica } from './billing-policy.replica';
import { BillingPolicyView } from './billing-policy.view';

/** Province and city: the billing policy in force here (the province's own, or the national one). */
@ApiTags('billing-policy')
@Controller('api/v1/billing-policy')
export class BillingPolicyReplicaController {
  constructor(private readonly replica: BillingPolicyReplica) {}

  @Get()
  @Requires('analytics:read', 'billing:operate')
  @ApiOperation({
    summary:
      "The billing policy in force at this node: the province's own while it stands, else the national one (configured defaults until one is published)",
  })
  @ApiOkResponse({ type: BillingPolicyView })
  get(): Promise<BillingPolicyView> {
    return this.replica.view();
  }
}
