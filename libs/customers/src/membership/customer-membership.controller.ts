import { Body, Controller, Delete, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AccessScope, Requires, Scope } from '@kaf/auth';
import { CustomerView } from '../profile/customer.view';
import { CustomerMembershipService } from './customer-membership.service';
import { SetCustomerGroupDto } from './set-customer-group.dto';

@ApiTags('customers')
@Controller('api/v1/customers/:id/group')
@Requires('group-members:write')
export class CustomerMembershipController {
  constructor(private readonly membership: CustomerMembershipService) {}

  @Put()
  @ApiOperation({ summary: 'Make the customer a member of a national group (sets group_member)' })
  @ApiOkResponse({ type: CustomerView })
  join(
    @Scope() scope: AccessScope,
    @Param('id') id: string,
    @Body() dto: SetCustomerGroupDto,
  ): Promise<CustomerView> {
    return this.membership.join(scope, id, dto.groupCode);
  }

  @Delete()
  @ApiOperation({ summary: 'Take the customer out of its group (clears group_member)' })
  @ApiOkResponse({ type: CustomerView })
  leave(@Scope() scope: AccessScope, @Param('id') id: string): Promise<CustomerView> {
    return this.membership.leave(scope, id);
  }
}
