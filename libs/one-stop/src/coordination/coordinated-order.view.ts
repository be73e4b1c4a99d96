import { CoordinatedFaultTicketView } from './coordinated-fault-ticket.view';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CIRCUIT_ACTIONS } from '../domain/circuit-actions';
import { CIRCUIT_PRODUCTS } from '../domain/circuit-products';
import { ORDER_STATES } from '../domain/order-states';
import { SEGMENT_ROLES } from '../domain/segment-roles';
import { SEGMENT_STATES } from '../domain/segment-states';
import { CoordinationRequestView } from './coordination-request.view';
import { OneStopEscalationView } from './one-stop-escalation.view';

export class CoordinatedSegmentView {
  @ApiProperty({ format: 'uuid' }) segmentId!: string;
  @ApiProperty({ enum: SEGMENT_ROLES }) role!: string;
  @ApiProperty({ example: '330100', description: 'Node running the work order' }) nodeCode!: string;
  @ApiProperty({ example: 1 }) attempt!: number;
  @ApiProperty({ enum: SEGMENT_STATES }) state!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) reason!: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) deadline!: string | null;
  @ApiProperty({ description: 'Still open and past its deadline' }) overdue!: boolean;
}

export class CoordinatedOrderView {
  @ApiProperty({ format: 'uuid' }) orderId!: string;
  @ApiProperty({ example: '7', description: 'Version last received from the home city (decimal string)' })
  version!: string;
  @ApiProperty({ example: '440300' }) homeNode!: string;
  @ApiProperty({ format: 'uuid' }) customerId!: string;
  @ApiProperty({ example: '深圳某某科技有限公司' }) customerName!: string;
  @ApiProperty({ enum: CIRCUIT_ACTIONS, description: 'A new circuit, a change in service or a cease' })
  action!: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) circuitId!: string | null;
  @ApiProperty({ enum: CIRCUIT_PRODUCTS }) product!: string;
  @ApiProperty({ example: 100 }) bandwidthMbps!: number;
  @ApiProperty({ example: '440300' }) aEndNode!: string;
  @ApiProperty({ example: '330100' }) zEndNode!: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'CN' }) transitNode!: string | null;
  @ApiProperty({ example: '440000' }) aEndProvince!: string;
  @ApiProperty({ example: '330000' }) zEndProvince!: string;
  @ApiProperty({ enum: ORDER_STATES }) state!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) stateReason!: string | null;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true }) requestedDate!: string | null;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  expectedCompletionDate!: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) orderedAt!: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) completedAt!: string | null;
  @ApiProperty({ example: '1250000', description: 'Whole fen as a decimal string' })
  monthlyChargeFen!: string;
  @ApiProperty({ type: [CoordinatedSegmentView] }) segments!: CoordinatedSegmentView[];
  @ApiProperty({ description: 'Not final, with an open escalation or a segment past its deadline' })
  stuck!: boolean;
  @ApiProperty({ example: 1 }) openEscalations!: number;
  @ApiProperty({ format: 'date-time', description: 'When the change happened at the home city' })
  changedAt!: string;
  @ApiProperty({ format: 'date-time', description: 'When this node stored the version' })
  receivedAt!: string;
}

export class CoordinatedOrderDetailView extends CoordinatedOrderView {
  @ApiProperty({ type: [OneStopEscalationView] }) escalations!: OneStopEscalationView[];
  @ApiProperty({ type: [CoordinationRequestView], description: 'Requests this node sent, oldest first' })
  requests!: CoordinationRequestView[];
  @ApiProperty({
    type: [CoordinatedFaultTicketView],
    description: "Fault tickets on the order's circuit, newest first (ADR 0047)",
  })
  faultTickets!: CoordinatedFaultTicketView[];
}
