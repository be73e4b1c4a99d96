import { ApiProperty } from '@nestjs/swagger';
import type { ReconciliationChildEntity } from './reconciliation-child.entity';
import {
  RUN_STATUSES,
  RUN_TRIGGERS,
  type ReconciliationRunEntity,
  type RunStatus,
  type RunTrigger,
} from './reconciliation-run.entity';

export class TotalsDifferenceView {
  @ApiProperty({ example: '440300' }) city!: string;
  @ApiProperty({ example: '2026-05' }) month!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    nullable: true,
    example: { revenueFen: '1234500', eventCount: '42', cells: '7' },
    description:
      "What this node holds: the measure's compared totals by name, decimal strings (money in fen)",
  })
  ours!: Record<string, string> | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    nullable: true,
    description: 'What the child reported, the same totals',
  })
  theirs!: Record<string, string> | null;
}

export class ResyncRequestedView {
  @ApiProperty({ type: [String], example: ['2026-05'] }) months!: string[];
  @ApiProperty({ type: [String], example: ['440300'] }) cityCodes!: string[];
  @ApiProperty({ description: 'Id of the FiguresResyncRequest message' }) messageId!: string;
}

export class ReconciliationChildView {
  @ApiProperty({ example: '440300', description: 'The child node asked' }) node!: string;
  @ApiProperty() answered!: boolean;
  @ApiProperty({ type: String, nullable: true }) answeredAt!: string | null;
  @ApiProperty({ description: 'The answer arrived after the run had closed' }) late!: boolean;
  @ApiProperty({ description: 'City × month lines compared' }) linesCompared!: number;
  @ApiProperty({ type: [TotalsDifferenceView] }) differences!: TotalsDifferenceView[];
  @ApiProperty({ type: ResyncRequestedView, nullable: true }) resyncRequested!: ResyncRequestedView | null;
}

export class ReconciliationRunView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'usage', description: 'The measure compared' }) measure!: string;
  @ApiProperty({ enum: RUN_STATUSES }) status!: RunStatus;
  @ApiProperty({ enum: RUN_TRIGGERS }) trigger!: RunTrigger;
  @ApiProperty({ type: String, nullable: true }) requestedBy!: string | null;
  @ApiProperty({ example: '2026-03' }) from!: string;
  @ApiProperty({ example: '2026-05' }) to!: string;
  @ApiProperty({ type: [String], example: ['2026-03', '2026-04', '2026-05'] }) months!: string[];
  @ApiProperty() startedAt!: string;
  @ApiProperty({ description: 'Children that have not answered by then leave the run partial' })
  deadlineAt!: string;
  @ApiProperty({ type: String, nullable: true }) finishedAt!: string | null;
  @ApiProperty({ description: 'Differing lines over all children' }) differences!: number;
  @ApiProperty({ type: [ReconciliationChildView] }) children!: ReconciliationChildView[];
}

export function toRunView(
  run: ReconciliationRunEntity,
  children: ReconciliationChildEntity[],
): ReconciliationRunView {
  const months = [...run.months].sort();
  const views = [...children].sort((a, b) => a.childCode.localeCompare(b.childCode)).map(toChildView);
  return {
    id: run.id,
    measure: run.measure,
    status: run.status,
    trigger: run.trigger,
    requestedBy: run.requestedBy,
    from: months[0] ?? '',
    to: months[months.length - 1] ?? '',
    months,
    startedAt: run.startedAt.toISOString(),
    deadlineAt: run.deadlineAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    differences: views.reduce((n, c) => n + c.differences.length, 0),
    children: views,
  };
}

function toChildView(child: ReconciliationChildEntity): ReconciliationChildView {
  return {
    node: child.childCode,
    answered: child.answeredAt !== null,
    answeredAt: child.answeredAt?.toISOString() ?? null,
    late: child.late,
    linesCompared: child.linesCompared,
    differences: child.differences.map((d) => ({
      city: d.city,
      month: d.month,
      ours: d.ours,
      theirs: d.theirs,
    })),
    resyncRequested: child.resyncMessageId
      ? { months: child.resyncMonths, cityCodes: child.resyncCities, messageId: child.resyncMessageId }
      : null,
  };
}
