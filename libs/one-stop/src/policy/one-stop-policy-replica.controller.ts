import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Requires } from '@kaf/auth';
import { OneStopPolicyReplica } from './one-stop-policy.replica';
import { OneStopPolicyView } from './one-stop-policy.view';
import { POLICY_READERS } from './policy-readers';

/** Province and city: the one-stop policy in force here, as published by the national node. */
@ApiTags('one-stop-policy')
@Controller('api/v1/one-stop-policy')
export class OneStopPolicyReplicaController {
  constructor(private readonly replica: OneStopPolicyReplica) {}

  @Get()
  @Requires(...POLICY_READERS)
  @ApiOperation({
    summary: 'The one-stop policy in force at this node (configured defaults until one is published)',
  })
  @ApiOkResponse({ type: OneStopPolicyView })
  get(): Promise<OneStopPolicyView> {
    return this.replica.view();
  }
}
