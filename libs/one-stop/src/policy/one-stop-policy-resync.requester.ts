import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { create } from '@bufbuild/protobuf';
import { OneStopPolicyResyncRequestSchema } from '@kaf/contracts';
import { NODE_IDENTITY, type NodeIdentity, TOPOLOGY, type Topology } from '@kaf/federation';
import { OutboxWriter } from '@kaf/messaging';
import { DataSource } from 'typeorm';
import { OneStopPolicyReplicaEntity } from './one-stop-policy-replica.entity';

/**
 * A province or city that boots without a one-stop policy (new node, rebuilt database) asks the
 * national node for the current one; until it arrives, the configured defaults apply.
 */
@Injectable()
export class OneStopPolicyResyncRequester implements OnApplicationBootstrap {
  private readonly logger = new Logger(OneStopPolicyResyncRequester.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
    @Inject(TOPOLOGY) private readonly topology: Topology,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (await this.dataSource.getRepository(OneStopPolicyReplicaEntity).exists()) return;
    const national = this.topology.nodes().find((n) => n.tier === 'national');
    if (!national) throw new Error('the topology has no national node');
    const written = await this.dataSource.transaction((tx) =>
      this.outbox.write(tx, {
        schema: OneStopPolicyResyncRequestSchema,
        payload: create(OneStopPolicyResyncRequestSchema, { requestedBy: this.identity.code }),
        target: national.code,
        key: `one-stop-policy-resync:${this.identity.code}`,
      }),
    );
    this.logger.log({ msg: 'no one-stop policy yet: asked the national node', messageId: written.id });
  }
}
