import { ApiProperty } from '@nestjs/swagger';
import { GroupCustomerView } from '../group-customer.view';

export class ProvinceMembersView {
  @ApiProperty({ example: '440000' }) provinceCode!: string;
  @ApiProperty({ example: '广东省 Guangdong' }) provinceName!: string;
  @ApiProperty() memberCount!: number;
}

/** A registry entry at the national node, with how many city customers belong to it and where. */
export class GroupCustomerDetailView extends GroupCustomerView {
  @ApiProperty() createdAt!: string;
  @ApiProperty({ description: 'Member customers within the caller’s reach' }) memberCount!: number;
  @ApiProperty({ type: [ProvinceMembersView] }) membersByProvince!: ProvinceMembersView[];
}

/** A member customer as the national node knows it: business fields only, from its city. */
export class GroupMemberView {
  @ApiProperty({ format: 'uuid' }) customerId!: string;
  @ApiProperty({ example: '440300' }) cityCode!: string;
  @ApiProperty({ example: '440000' }) provinceCode!: string;
  @ApiProperty() name!: string;
  @ApiProperty() creditCode!: string;
  @ApiProperty() industry!: string;
  @ApiProperty({ enum: ['A', 'B', 'C'] }) grade!: string;
  @ApiProperty({ enum: ['prospect', 'active', 'suspended', 'churned'] }) status!: string;
  @ApiProperty({ type: [String], example: ['group_member'] }) classes!: string[];
  @ApiProperty({ description: 'The city’s version of the customer (decimal string)' }) version!: string;
  @ApiProperty() updatedAt!: string;
}
