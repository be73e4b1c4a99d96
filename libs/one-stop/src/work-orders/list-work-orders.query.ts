import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { PageQueryDto } from '@kaf/platform';
import { WORK_ORDER_KINDS, type WorkOrderKind } from '../domain/fault-check-results';
import { CIRCUIT_PRODUCTS } from '../domain/circuit-products';
import { SEGMENT_ROLES } from '../domain/segment-roles';
import { WORK_ORDER_STATES, type WorkOrderState } from '../domain/work-order-states';

export class ListWorkOrdersQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: WORK_ORDER_STATES })
  @IsOptional()
  @IsIn(WORK_ORDER_STATES)
  state?: WorkOrderState;

  @ApiPropertyOptional({ enum: SEGMENT_ROLES })
  @IsOptional()
  @IsIn(SEGMENT_ROLES)
  role?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  orderId?: string;

  @ApiPropertyOptional({ example: '440300', description: 'City that owns the circuit order' })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'homeNode must be a city node code of 6 digits' })
  homeNode?: string;

  @ApiPropertyOptional({
    enum: WORK_ORDER_KINDS,
    description: 'provisioning (segments of circuit orders) or faultCheck (fault checks of trouble tickets)',
  })
  @IsOptional()
  @IsIn(WORK_ORDER_KINDS)
  kind?: WorkOrderKind;

  @ApiPropertyOptional({ enum: CIRCUIT_PRODUCTS })
  @IsOptional()
  @IsIn(CIRCUIT_PRODUCTS)
  product?: string;
}
