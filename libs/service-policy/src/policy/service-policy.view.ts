import { ApiProperty } from '@nestjs/swagger';
import { PolicyProvenanceView, type PolicySource } from '@kaf/documents';
import { SLA_CLOCKS, type SlaClock } from '@kaf/platform';
import { SLA_GRADES, TICKET_SEVERITIES, TICKET_TYPES } from '../sla-vocabulary';
import { canonicalTargets, type ServicePolicyFigures } from './service-policy';

export class SlaTargetView {
  @ApiProperty({ enum: TICKET_TYPES, example: 'fault' }) ticketType!: string;
  @ApiProperty({ enum: TICKET_SEVERITIES, example: 'critical' }) severity!: string;
  @ApiProperty({ enum: SLA_GRADES, example: 'A' }) grade!: string;
  @ApiProperty({ example: 15, description: 'Clock minutes to the first response' }) responseMinutes!: number;
  @ApiProperty({ example: 240, description: 'Clock minutes to restore (faults) or resolve (other types)' })
  restoreMinutes!: number;
  @ApiProperty({ enum: SLA_CLOCKS, example: 'continuous' }) clock!: SlaClock;
}

/** The service policy in force at a node, with where it comes from. */
export class ServicePolicyView extends PolicyProvenanceView {
  @ApiProperty({
    example: 'CN',
    description: 'The node whose version is in force; "defaults" for the built-in policy',
  })
  issuer!: string;

  @ApiProperty({ example: '3', description: 'That node\'s version; "0" = the built-in defaults' })
  version!: string;

  @ApiProperty({ type: [SlaTargetView], description: 'Every ticket type × severity × grade' })
  targets!: SlaTargetView[];

  @ApiProperty({ example: 3 }) returnVisitDays!: number;
  @ApiProperty({ example: 7 }) autoCloseDays!: number;
  @ApiProperty({ example: 30 }) faultCheckAnswerMinutes!: number;
}

export function toServicePolicyView(
  figures: ServicePolicyFigures,
  held: { issuer: string; version: bigint; updatedAt: Date | null; source: PolicySource },
): ServicePolicyView {
  return {
    issuer: held.issuer,
    version: held.version.toString(),
    targets: canonicalTargets(figures.targets).map((t) => ({ ...t })),
    returnVisitDays: figures.returnVisitDays,
    autoCloseDays: figures.autoCloseDays,
    faultCheckAnswerMinutes: figures.faultCheckAnswerMinutes,
    updatedAt: held.updatedAt?.toISOString() ?? null,
    source: held.source,
  };
}
