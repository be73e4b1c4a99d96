import { Body, Controller, Delete, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AccessScope, Requires, Scope } from '@kaf/auth';
import { SERVICE_POLICY_READERS } from '../service-policy-readers';
import { PutServicePolicyDto } from './put-service-policy.dto';
import { ServicePolicyReader } from './service-policy.reader';
import { ServicePolicyService } from './service-policy.service';
import { ServicePolicyView } from './service-policy.view';

/** Every node: the service policy in force here; CN sets it, a province sets its own (403 at a city). */
@ApiTags('service-policy')
@Controller('api/v1/service-policy')
export class ServicePolicyController {
  constructor(
    private readonly reader: ServicePolicyReader,
    private readonly policy: ServicePolicyService,
  ) {}

  @Get()
  @Requires(...SERVICE_POLICY_READERS)
  @ApiOperation({
    summary:
      "The service policy in force at this node: the province's own while it stands, else the national one (built-in defaults until one is published)",
  })
  @ApiOkResponse({ type: ServicePolicyView })
  get(): Promise<ServicePolicyView> {
    return this.reader.view();
  }

  @Put()
  @Requires('service-policy:write')
  @ApiOperation({
    summary:
      'Set the service policy: at CN for the whole federation; at a province its own, in force there and at its cities over the national one until withdrawn; refused at a city',
  })
  @ApiOkResponse({ type: ServicePolicyView })
  put(@Body() dto: PutServicePolicyDto, @Scope() scope: AccessScope): Promise<ServicePolicyView> {
    return this.policy.set(dto, scope);
  }
}

/** Province: withdraws its own service policy. */
@ApiTags('service-policy')
@Controller('api/v1/service-policy')
export class ServicePolicyOverrideController {
  constructor(private readonly policy: ServicePolicyService) {}

  @Delete()
  @Requires('service-policy:write')
  @ApiOperation({
    summary:
      "Withdraw the province's own service policy: the national one is in force again here and at its cities (404 when there is none, 409 before any national version arrived)",
  })
  @ApiOkResponse({ type: ServicePolicyView, description: 'The policy in force afterwards' })
  withdraw(@Scope() scope: AccessScope): Promise<ServicePolicyView> {
    return this.policy.withdraw(scope);
  }
}
