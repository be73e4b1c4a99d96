import { Inject, Injectable } from '@nestjs/common';
import type { DescMessage } from '@bufbuild/protobuf';
import { NODE_IDENTITY, type NodeIdentity, TOPOLOGY, type Topology } from '@kaf/federation';
import { LatestVersionCache } from '@kaf/platform';
import { DataSource, type EntityManager } from 'typeorm';
import type { DocumentDefinition, DocumentVersion } from './document-definition';
import { DocumentVersionsRepository } from './document-versions.repository';
import { decodedVersion } from './document-wire';
import { inForce, inForceByKey, lineageOf, stampOf } from './layering';

interface Held {
  inForce: DocumentVersion | undefined;
  /** Grows with every version stored here, of any issuer (`stampOf`). */
  stamp: bigint;
}

interface HeldKeys {
  inForce: ReadonlyMap<string, DocumentVersion>;
  /** Of every key: grows with every version stored here. */
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
  private readonly keyedCaches = new Map<string, LatestVersionCache<HeldKeys>>();
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

  /**
   * Every key in force at this node of a small keyed document (a calendar's years), from memory.
   * It is loaded whole: not for a registry of thousands of keys, which its capability keeps in a
   * table of its own through `DocumentCatalog.onChanged`.
   */
  async currentByKey<Desc extends DescMessage>(
    definition: DocumentDefinition<Desc>,
  ): Promise<ReadonlyMap<string, DocumentVersion<Desc>>> {
    return (await this.keyedCache(definition).get()).inForce;
  }

  /** `currentByKey` as `manager` sees it (a transaction that just stored a version), not from memory. */
  async readByKey<Desc extends DescMessage>(
    definition: DocumentDefinition<Desc>,
    manager: EntityManager,
  ): Promise<ReadonlyMap<string, DocumentVersion<Desc>>> {
    return (await this.loadKeys(definition, manager)).inForce;
  }

  /** Whether keyed readers of the document are served from memory here (a store must tell them). */
  keepsKeysOf(document: string): boolean {
    return this.keyedCaches.has(document);
  }

  expectKeys(document: string, stamp: bigint): void {
    this.keyedCaches.get(document)?.expect(stamp);
  }

  private keyedCache(definition: DocumentDefinition): LatestVersionCache<HeldKeys> {
    return cacheIn(this.keyedCaches, definition.name, () =>
      this.loadKeys(definition, this.dataSource.manager),
    );
  }

  private async loadKeys(definition: DocumentDefinition, manager: EntityManager): Promise<HeldKeys> {
    const layers = await this.versions.all(manager, definition.name);
    const inForce = new Map<string, DocumentVersion>();
    for (const [key, layer] of inForceByKey(layers, this.lineage)) {
      inForce.set(key, decodedVersion(definition, layer, this.topology));
    }
    return { inForce, stamp: stampOf(layers) };
  }

  private cache(definition: DocumentDefinition): LatestVersionCache<Held> {
    return cacheIn(this.caches, definition.name, () => this.load(definition, this.dataSource.manager));
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

/** The document's cache in `caches`, made on first use; versioned by the stamp of what it holds. */
function cacheIn<T extends { stamp: bigint }>(
  caches: Map<string, LatestVersionCache<T>>,
  document: string,
  load: () => Promise<T>,
): LatestVersionCache<T> {
  let cache = caches.get(document);
  if (!cache) {
    cache = new LatestVersionCache<T>(load, (held) => held.stamp);
    caches.set(document, cache);
  }
  return cache;
}
