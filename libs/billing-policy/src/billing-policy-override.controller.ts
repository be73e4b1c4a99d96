import { Body, Controller, Delete, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AccessScope, Requires, Scope } from '@kaf/auth';
import { BillingPolicyOverrideService } from './billing-policy-override.service';
import { BillingPolicyView } from './billing-policy.view';
import { UpdateBillingPolicyDto } from './update-billing-policy.dto';

/** Province: its own billing policy for itself and its cities, over the national one. */
@ApiTags('billing-policy')
@Controller('api/v1/billing-policy')
export class BillingPolicyOverrideController {
  constructor(private readonly override: BillingPolicyOverrideService) {}

  @Put()
  @Requires('billing-policy:write')
  @ApiOperation({
    summary:
      "Set the province's own billing policy: in force here and at its cities over the national one, whatever national version comes after, until withdrawn",
  })
  @ApiOkResponse({ type: BillingPolicyView })
  put(@Body() dto: UpdateBillingPolicyDto, @Scope() scope: AccessScope): Promise<BillingPolicyView> {
    return this.override.set(dto, scope);
  }

  @Delete()
  @Requires('billing-policy:write')
  @ApiOperation({
    summary:
      "Withdraw the province's own billing policy: the national one is in force again here and at its cities (404 when there is none, 409 before any national version arrived)",
  })
  @ApiOkResponse({ type: BillingPolicyView, description: 'The policy in force afterwards' })
  withdraw(@Scope() scope: AccessScope): Promise<BillingPolicyView> {
    return this.override.withdraw(scope);
  }
}
