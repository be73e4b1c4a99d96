import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AccessScope, Requires, Scope } from '@kaf/auth';
import { BillingPolicyService } from './billing-policy.service';
import { BillingPolicyView } from './billing-policy.view';
import { UpdateBillingPolicyDto } from './update-billing-policy.dto';

/** National: the billing policy HQ sets for the whole federation. */
@ApiTags('billing-policy')
@Controller('api/v1/billing-policy')
export class BillingPolicyController {
  constructor(private readonly policy: BillingPolicyService) {}

  @Get()
  @Requires('analytics:read')
  @ApiOperation({ summary: 'The billing policy in force (defaults until HQ sets one)' })
  @ApiOkResponse({ type: BillingPolicyView })
  get(): Promise<BillingPolicyView> {
    return this.policy.view();
  }

  @Put()
  @Requires('billing-policy:write')
  @ApiOperation({ summary: 'Set the billing policy; a new version is published to every province and city' })
  @ApiOkResponse({ type: BillingPolicyView })
  put(@Body() dto: UpdateBillingPolicyDto, @Scope() scope: AccessScope): Promise<BillingPolicyView> {
    return this.policy.update(dto, scope);
  }
}
