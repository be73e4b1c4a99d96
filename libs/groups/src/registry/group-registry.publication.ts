import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DocumentPublisher } from '@kaf/documents';
import { DataSource, type EntityManager } from 'typeorm';
import { GROUP_REGISTRY_DOCUMENT, type GroupState, toBody } from '../group-registry.document';
import { GroupCustomerEntity } from './group-customer.entity';

/**
 * National: registry entries go down as versions of the `group-registry` document, in the
 * transaction of the write. At boot every entry is handed over once more; only versions the
 * document does not hold yet (a registry older than the document mechanism) are published.
 */
@Injectable()
export class GroupRegistryPublication implements OnApplicationBootstrap {
  constructor(
    private readonly dataSource: DataSource,
    private readonly publisher: DocumentPublisher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const groups = await tx.getRepository(GroupCustomerEntity).find({ order: { groupCode: 'ASC' } });
      await this.publish(tx, groups);
    });
  }

  async publish(tx: EntityManager, groups: readonly GroupState[]): Promise<void> {
    if (groups.length === 0) return;
    await this.publisher.publish(
      tx,
      GROUP_REGISTRY_DOCUMENT,
      groups.map((g) => ({
        key: g.groupCode,
        version: BigInt(g.version),
        body: toBody(g),
        publishedAt: g.updatedAt,
      })),
    );
  }
}
