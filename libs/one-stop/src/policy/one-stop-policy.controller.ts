import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AccessScope, Requires, Scope } from '@kaf/auth';
import { OneStopPolicyService } from './one-stop-policy.service';
import { OneStopPolicyView } from './one-stop-policy.view';
import { PutOneStopPolicyDto } from './put-one-stop-policy.dto';
import { POLICY_READERS } from './policy-readers';

/** National: the one-stop policy HQ sets for the whole federation. */
@ApiTags('one-stop-policy')
@Controller('api/v1/one-stop-policy')
export class OneStopPolicyController {
  constructor(private readonly policy: OneStopPolicyService) {}

  @Get()
  @Requires(...POLICY_READERS)
  @ApiOperation({ summary: 'The one-stop policy in force (configured defaults until HQ sets one)' })
  @ApiOkResponse({ type: OneStopPolicyView })
  get(): Promise<OneStopPolicyView> {
    return this.policy.view();
  }

  @Put()
  @Requires('one-stop-policy:write')
  @ApiOperation({
    summary:
      'Set the one-stop policy (segment SLAs, settlement shares); a new version is published to every province and city',
  })
  @ApiOkResponse({ type: OneStopPolicyView })
  put(@Body() dto: PutOneStopPolicyDto, @Scope() scope: AccessScope): Promise<OneStopPolicyView> {
    return this.policy.update(dto, scope);
  }
}
