import { Body, Controller, Get, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type AccessScope, Requires, Scope } from '@kaf/auth';
import { setPageHeaders, uuidParam } from '@kaf/platform';
import { CreateTaskDto } from './create-task.dto';
import { ListTasksQuery } from './list-tasks.query';
import { TaskView } from './task.view';
import { TasksService } from './tasks.service';
import { UpdateTaskDto } from './update-task.dto';

@ApiTags('tasks')
@Controller('api/v1/tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Post()
  @Requires('visits:write')
  @ApiOperation({ summary: 'Create a follow-up task (by default for the caller)' })
  @ApiCreatedResponse({ type: TaskView })
  create(@Scope() scope: AccessScope, @Body() dto: CreateTaskDto): Promise<TaskView> {
    return this.tasks.create(scope, dto);
  }

  @Get()
  @Requires('visits:read')
  @ApiOperation({ summary: 'Follow-up tasks, soonest due first; an account manager sees their own' })
  @ApiOkResponse({ type: [TaskView] })
  async list(
    @Scope() scope: AccessScope,
    @Query() query: ListTasksQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TaskView[]> {
    const { items, total } = await this.tasks.list(scope, query);
    setPageHeaders(reply, total, items.length);
    return items;
  }

  @Patch(':id')
  @Requires('visits:write')
  @ApiConsumes('application/merge-patch+json', 'application/json')
  @ApiOperation({ summary: 'Complete, cancel or reopen a task, or change its title or due date' })
  @ApiOkResponse({ type: TaskView })
  update(
    @Scope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Body() dto: UpdateTaskDto,
  ): Promise<TaskView> {
    return this.tasks.update(scope, id, dto);
  }
}
