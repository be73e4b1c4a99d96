import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Redis } from 'ioredis';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { Public } from '@kaf/auth';
import { MessagingRuntime } from '@kaf/messaging';
import { NodeLifecycle } from '../lifecycle/node-lifecycle';
import { REDIS_PROBE } from './redis-probe.provider';

type CheckResult = { status: 'up' } | { status: 'down'; error: string };

const CHECK_TIMEOUT_MS = 2000;

@ApiTags('health')
@Controller('health')
@Public()
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly messaging: MessagingRuntime,
    private readonly lifecycle: NodeLifecycle,
    @Inject(REDIS_PROBE) private readonly redis: Redis,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process is up and its event loop answers' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: database, Kafka and Redis answer, and the node is not draining' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<Record<string, unknown>> {
    const [database, kafka, redis] = await Promise.all([
      check(() => this.dataSource.query('SELECT 1')),
      check(() => this.messaging.ping()),
      check(() => this.redis.ping()),
    ]);
    const checks = { database, kafka, redis };
    const ok = !this.lifecycle.isDraining && Object.values(checks).every((c) => c.status === 'up');
    void reply.status(ok ? 200 : 503);
    return { status: ok ? 'ready' : this.lifecycle.isDraining ? 'draining' : 'not-ready', checks };
  }
}

async function check(probe: () => Promise<unknown>): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)),
          CHECK_TIMEOUT_MS,
        );
      }),
    ]);
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
