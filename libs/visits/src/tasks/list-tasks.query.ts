import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQueryDto } from '@kaf/platform';
import { TASK_SOURCES, TASK_STATUSES, type TaskSource, type TaskStatus } from './follow-up-task.entity';

export class ListTasksQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: TASK_STATUSES })
  @IsOptional()
  @IsIn(TASK_STATUSES)
  status?: TaskStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  assigneeManagerId?: string;

  @ApiPropertyOptional({
    description: "The owner's staff id (service-desk staff own tasks without a manager record)",
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  assigneeStaffId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  customerId?: string;

  @ApiPropertyOptional({ enum: TASK_SOURCES })
  @IsOptional()
  @IsIn(TASK_SOURCES)
  source?: TaskSource;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: open tasks due before now' })
  @IsOptional()
  @IsIn(['true', 'false'])
  overdue?: 'true' | 'false';
}
