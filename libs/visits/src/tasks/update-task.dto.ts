import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength, ValidateIf } from 'class-validator';
import { IsInstant } from '../instant';
import { TASK_STATUSES, type TaskStatus } from './follow-up-task.entity';

/**
 * JSON merge patch (RFC 7396) of a task. None of these fields can be removed, so an explicit
 * `null` is refused rather than silently ignored.
 */
export class UpdateTaskDto {
  @ApiPropertyOptional({ enum: TASK_STATUSES })
  @ValidateIf((_, v) => v !== undefined)
  @IsIn(TASK_STATUSES)
  status?: TaskStatus;

  @ApiPropertyOptional({ maxLength: 200 })
  @ValidateIf((_, v) => v !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @ValidateIf((_, v) => v !== undefined)
  @IsInstant()
  dueAt?: string;
}
