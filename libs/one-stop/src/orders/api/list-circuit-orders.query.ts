import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQueryDto } from '@kaf/platform';
import { CIRCUIT_ACTIONS, type CircuitAction } from '../../domain/circuit-actions';
import { CIRCUIT_PRODUCTS, type CircuitProduct } from '../../domain/circuit-products';
import { ORDER_STATES, type OrderState } from '../../domain/order-states';

export class ListCircuitOrdersQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: ORDER_STATES })
  @IsOptional()
  @IsIn(ORDER_STATES)
  state?: OrderState;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  customerId?: string;

  @ApiPropertyOptional({ enum: CIRCUIT_ACTIONS })
  @IsOptional()
  @IsIn(CIRCUIT_ACTIONS)
  action?: CircuitAction;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Orders of one circuit: the one that made it and its changes',
  })
  @IsOptional()
  @IsUUID()
  circuitId?: string;

  @ApiPropertyOptional({ enum: CIRCUIT_PRODUCTS })
  @IsOptional()
  @IsIn(CIRCUIT_PRODUCTS)
  product?: CircuitProduct;
}
