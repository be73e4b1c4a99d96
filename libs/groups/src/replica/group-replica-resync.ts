import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { create } from '@bufbuild/protobuf';
import { AuditTrail } from '@kaf/audit';
import type { Principal } from '@kaf/auth';
import { GroupRegistryResyncRequestSchema } from '@kaf/contracts';
import { NODE_IDENTITY, type NodeIdentity, TOPOLOGY, type Topology } from '@kaf/federation';
import { OutboxWriter } from '@kaf/messaging';
import { DataSource } from 'typeorm';
import { GroupCustomerReplicaEntity } from './group-customer-replica.entity';

/**
 * Catching up with the registry: a city whose replica is empty (it joined late, or its database
 * was rebuilt) asks the national node for everything at boot; an operator can ask at any time.
 */
@Injectable()
export class GroupReplicaResync implements OnApplicationBootstrap {
  private readonly logger = new Logger(GroupReplicaResync.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly audit: AuditTrail,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
    @Inject(TOPOLOGY) private readonly topology: Topology,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const known = await this.dataSource.getRepository(GroupCustomerReplicaEntity).exists();
    if (known) return;
    const { messageId } = await this.request();
    this.logger.log({ msg: 'group registry replica is empty: resync requested', messageId });
  }

  /** Sends the request (audited when a person asked); the answer arrives as ordinary publications. */
  async request(principal?: Principal): Promise<{ messageId: string; sentTo: string }> {
    const sentTo = this.registryNode();
    return this.dataSource.transaction(async (tx) => {
      const written = await this.outbox.write(tx, {
        schema: GroupRegistryResyncRequestSchema,
        payload: create(GroupRegistryResyncRequestSchema, { requestedBy: this.identity.code }),
        target: sentTo,
        key: `group-registry-resync:${this.identity.code}`,
      });
      if (principal) {
        await this.audit.record(tx, principal, {
          action: 'group-registry.resync',
          resourceType: 'group-registry',
          resourceId: this.identity.code,
          after: { sentTo, messageId: written.id },
        });
      }
      return { messageId: written.id, sentTo };
    });
  }

  private registryNode(): string {
    const national = this.topology.nodes().find((n) => n.tier === 'national');
    if (!national) throw new Error('the topology has no national node');
    return national.code;
  }
}
