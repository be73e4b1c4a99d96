import { Inject, Injectable } from '@nestjs/common';
import type { DescMessage } from '@bufbuild/protobuf';
import { NODE_IDENTITY, type NodeIdentity, TOPOLOGY, type Topology } from '@kaf/federation';
import { LatestVersionCache } from '@kaf/platform';
import { DataSource, type EntityManager } from 'typeorm';
import type { DocumentDefinition, DocumentVersion } from './document-definition';
import { DocumentVersionsRepository } from './document-versions.repository';
import { decodedVersion } from './document-wire';
import { inForce, lineageOf, stampOf } from './layering';

interface Held {
  inForce: DocumentVersion | undefined;
  /** Grows with every version stored here, of any issuer (`stampOf`). */
  stamp: bigint;
}

/**
 * Single-body documents as in force at this node (the layering rule: a province's override over
 * the national version), served from memory. Whoever stores a version calls `expect` with the new
 * stamp in its transaction; from then on reads go back to the database until it is visible, so no
 * reader keeps an older copy after the change committed.
 */
@Injectable()
export class DocumentReplicas {
  private readonly caches = new Map<string, LatestVersionCache<Held>>();
  private readonly lineage: string[];

  constructor(
    private readonly dataSource: DataSource,
    private readonly versions: DocumentVersionsRepository,
    @Inject(NODE_IDENTITY) identity: NodeIdentity,
    @Inject(TOPOLOGY) private readonly topology: Topology,
  ) {
    this.lineage = lineageOf(topology, identity.code);
  }

  /** The version in force here, or undefined until the first one arrives. */
  async current<Desc extends DescMessage>(
    definition: DocumentDefinition<Desc>,
  ): Promise<DocumentVersion<Desc> | undefined> {
    return (await this.cache(definition).get()).inForce;
  }

  /** The version in force as `manager` sees it (a transaction that just stored one), not from memory. */
  async read<Desc extends DescMessage>(
    definition: DocumentDefinition<Desc>,
    manager: EntityManager,
  ): Promise<DocumentVersion<Desc> | undefined> {
    return (await this.load(definition, manager)).inForce;
  }

  expect(document: string, stamp: bigint): void {
    this.caches.get(document)?.expect(stamp);
  }

  private cache(definition: DocumentDefinition): LatestVersionCache<Held> {
    let cache = this.caches.get(definition.name);
    if (!cache) {
      cache = new LatestVersionCache<Held>(
        () => this.load(definition, this.dataSource.manager),
        (held) => held.stamp,
      );
      this.caches.set(definition.name, cache);
    }
    return cache;
  }

  private async load<Desc extends DescMessage>(
    definition: DocumentDefinition<Desc>,
    manager: EntityManager,
  ): Promise<{ inForce: DocumentVersion<Desc> | undefined; stamp: bigint }> {
    const layers = await this.versions.layers(manager, definition.name, [''], false);
    const found = inForce(layers, this.lineage);
    return {
      inForce: found ? decodedVersion(definition, found, this.topology) : undefined,
      stamp: stampOf(layers),
    };
  }
}
