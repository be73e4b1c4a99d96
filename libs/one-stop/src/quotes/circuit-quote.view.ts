import { ApiProperty } from '@nestjs/swagger';
import { CIRCUIT_PRODUCTS } from '../domain/circuit-products';
import { isQuoteExpired, QUOTE_ACTIONS, QUOTE_STATES } from '../domain/quote-states';
import { SEGMENT_ROLES } from '../domain/segment-roles';
import type { CircuitQuoteLineEntity } from './circuit-quote-line.entity';
import type { CircuitQuoteEntity } from './circuit-quote.entity';

/** One segment node's answer. */
export class CircuitQuoteLineView {
  @ApiProperty({ enum: SEGMENT_ROLES }) role!: string;
  @ApiProperty({ example: '330100', description: 'Node that carries the segment and answered for it' })
  nodeCode!: string;
  @ApiProperty({ type: Boolean, nullable: true, description: 'null until the node has answered' })
  feasible!: boolean | null;
  @ApiProperty({ type: String, nullable: true, example: 'no circuit tariff for ddn at node 330100' })
  reason!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '500000',
    description: 'Whole fen as a decimal string',
  })
  oneTimeFen!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '350000',
    description: 'Whole fen as a decimal string',
  })
  monthlyFen!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2', description: 'Version of the node’s tariff' })
  tariffVersion!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) answeredAt!: string | null;
}

/** A quote before order at the home city. */
export class CircuitQuoteView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '440300', description: 'Home city' }) cityCode!: string;
  @ApiProperty({ format: 'uuid' }) customerId!: string;
  @ApiProperty({ enum: QUOTE_ACTIONS, description: 'add: a new circuit; modify: a bandwidth change' })
  action!: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'modify: the circuit in service whose bandwidth changes',
  })
  circuitId!: string | null;
  @ApiProperty({ enum: CIRCUIT_PRODUCTS }) product!: string;
  @ApiProperty({ example: 100, description: 'For modify: the new bandwidth' }) bandwidthMbps!: number;
  @ApiProperty({ example: '440300' }) aEndNodeCode!: string;
  @ApiProperty({ example: '330100' }) zEndNodeCode!: string;
  @ApiProperty({ enum: QUOTE_STATES }) state!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Why infeasible: every refusing line, and every line not answered by answerBy',
  })
  stateReason!: string | null;
  @ApiProperty({
    format: 'date-time',
    description:
      'Every segment node must have answered by then (the one-stop policy’s quoteReplySeconds after the request); a quote still requested then is infeasible',
  })
  answerBy!: string;
  @ApiProperty({ type: [CircuitQuoteLineView] }) lines!: CircuitQuoteLineView[];
  @ApiProperty({
    type: String,
    nullable: true,
    example: '1300000',
    description: 'Sum of the lines, whole fen',
  })
  oneTimeTotalFen!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '1050000',
    description: 'Sum of the lines, whole fen',
  })
  monthlyTotalFen!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Set when quoted' })
  validUntil!: string | null;
  @ApiProperty({ description: 'A quoted or accepted quote whose validUntil has passed' })
  expired!: boolean;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The order that took it over' })
  orderId!: string | null;
  @ApiProperty() requestedBy!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) quotedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) acceptedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) orderedAt!: string | null;
  @ApiProperty() version!: number;
}

const ROLE_ORDER: readonly string[] = SEGMENT_ROLES;

export function toCircuitQuoteView(
  quote: CircuitQuoteEntity,
  lines: readonly CircuitQuoteLineEntity[],
  now = new Date(),
): CircuitQuoteView {
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  const fen = (v: bigint | null) => (v === null ? null : v.toString());
  return {
    id: quote.id,
    cityCode: quote.cityCode,
    customerId: quote.customerId,
    action: quote.action,
    circuitId: quote.circuitId,
    product: quote.product,
    bandwidthMbps: quote.bandwidthMbps,
    aEndNodeCode: quote.aEndNode,
    zEndNodeCode: quote.zEndNode,
    state: quote.state,
    stateReason: quote.stateReason,
    answerBy: quote.answerBy.toISOString(),
    lines: [...lines]
      .sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role))
      .map((l) => ({
        role: l.role,
        nodeCode: l.nodeCode,
        feasible: l.feasible,
        reason: l.reason,
        oneTimeFen: fen(l.oneTimeFen),
        monthlyFen: fen(l.monthlyFen),
        tariffVersion: fen(l.tariffVersion),
        answeredAt: iso(l.answeredAt),
      })),
    oneTimeTotalFen: fen(quote.oneTimeTotalFen),
    monthlyTotalFen: fen(quote.monthlyTotalFen),
    validUntil: iso(quote.validUntil),
    expired: isQuoteExpired(quote, now),
    orderId: quote.orderId,
    requestedBy: quote.requestedBy,
    createdAt: quote.createdAt.toISOString(),
    quotedAt: iso(quote.quotedAt),
    acceptedAt: iso(quote.acceptedAt),
    orderedAt: iso(quote.orderedAt),
    version: quote.version,
  };
}
