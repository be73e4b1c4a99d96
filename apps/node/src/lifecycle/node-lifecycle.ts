import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { MessagingRuntime } from '@kaf/messaging';

/**
 * Shutdown order: stop taking HTTP work (readiness turns 503, the server finishes the requests in
 * flight), let the inbox finish the handlers in flight and commit, flush the outbox relay. The
 * database pool closes after this, with the rest of the application.
 */
@Injectable()
export class NodeLifecycle implements BeforeApplicationShutdown {
  private readonly logger = new Logger(NodeLifecycle.name);
  private draining = false;

  constructor(
    private readonly http: HttpAdapterHost,
    private readonly messaging: MessagingRuntime,
  ) {}

  get isDraining(): boolean {
    return this.draining;
  }

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    this.draining = true;
    this.logger.log({ msg: 'draining', signal });
    await this.http.httpAdapter.close();
    await this.messaging.stop();
    this.logger.log({ msg: 'drained: inbox stopped, outbox flushed' });
  }
}
