import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { DiscoveryService, HttpAdapterHost } from '@nestjs/core';
import { WorkerHost } from '@nestjs/bullmq';
import { MessagingRuntime } from '@kaf/messaging';

/**
 * Shutdown order: stop taking work — readiness turns 503, the HTTP server finishes the requests
 * in flight, queue workers finish their running jobs — then let the inbox finish the handlers in
 * flight and commit, and flush the outbox relay last, so whatever the steps before wrote is sent.
 * The database pool closes after this, with the rest of the application.
 */
@Injectable()
export class NodeLifecycle implements BeforeApplicationShutdown {
  private readonly logger = new Logger(NodeLifecycle.name);
  private draining = false;

  constructor(
    private readonly http: HttpAdapterHost,
    private readonly messaging: MessagingRuntime,
    private readonly discovery: DiscoveryService,
  ) {}

  get isDraining(): boolean {
    return this.draining;
  }

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    this.draining = true;
    this.logger.log({ msg: 'draining', signal });
    await this.http.httpAdapter.close();
    await this.closeQueueWorkers();
    await this.messaging.stop();
    this.logger.log({ msg: 'drained: inbox stopped, outbox flushed' });
  }

  /** Every BullMQ processor of every capability; closing waits for its running job. */
  private async closeQueueWorkers(): Promise<void> {
    const hosts = this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance): instance is WorkerHost => instance instanceof WorkerHost);
    await Promise.all(
      hosts.map(async (host) => {
        try {
          await host.worker.close();
        } catch (error) {
          this.logger.warn({ msg: 'queue worker did not close cleanly', error: String(error) });
        }
      }),
    );
  }
}
