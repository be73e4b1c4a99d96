import { Inject, Injectable, Logger } from '@nestjs/common';
import { NODE_IDENTITY, type NodeIdentity, TOPOLOGY, type Topology } from '@kaf/federation';
import type { EntityManager } from 'typeorm';
import { DocumentCatalog } from './document-catalog';
import type { DocumentChange, DocumentDefinition } from './document-definition';
import { DocumentReplicas } from './document-replicas';
import { DocumentVersionsRepository, type StoredVersion } from './document-versions.repository';
import { decodedVersion } from './document-wire';
import { inForceByKey, lineageOf, sameLayer, stampOf, withStored } from './layering';

/**
 * Stores the versions a node receives or issues, and applies to the node what they change in
 * force there: one path for the issuer's publisher, an overriding province's publisher and the
 * handler below, so listeners and readers see the same layered document whoever stored a version.
 */
@Injectable()
export class DocumentLayers {
  private readonly logger = new Logger(DocumentLayers.name);
  private readonly lineage: string[];

  constructor(
    private readonly catalog: DocumentCatalog,
    private readonly versions: DocumentVersionsRepository,
    private readonly replicas: DocumentReplicas,
    @Inject(NODE_IDENTITY) identity: NodeIdentity,
    @Inject(TOPOLOGY) private readonly topology: Topology,
  ) {
    this.lineage = lineageOf(topology, identity.code);
  }

  /**
   * Keeps the versions of one issuer that are above the ones held (returned); when `apply`, the
   * document's listeners run with the keys whose version in force changed, and readers wait for
   * the new state. A version that changes nothing in force (a national version under a standing
   * override) is stored, relayed and receipted all the same.
   */
  async store(
    tx: EntityManager,
    definition: DocumentDefinition,
    incoming: readonly StoredVersion[],
    apply: boolean,
  ): Promise<StoredVersion[]> {
    if (incoming.length === 0) return [];
    if (definition.overridableBy) await this.versions.lockDocument(tx, definition.name);
    const keys = [...new Set(incoming.map((v) => v.key))];
    const held = await this.versions.layers(tx, definition.name, keys);
    const heldVersion = (v: StoredVersion) =>
      held.find((h) => h.issuer === v.issuer && h.key === v.key)?.version ?? 0n;
    const fresh = incoming.filter((v) => v.version > heldVersion(v));
    if (fresh.length === 0) return [];
    await this.versions.upsert(tx, definition.name, fresh);
    const after = withStored(held, fresh);
    if (apply) await this.apply(tx, definition, held, after, keys);
    await this.tellReaders(tx, definition, after, keys);
    return fresh;
  }

  /**
   * Readers served from memory wait for what this transaction stored: at every node, the issuer
   * included (its own versions are in force there), so no reader keeps an older copy after commit.
   */
  private async tellReaders(
    tx: EntityManager,
    definition: DocumentDefinition,
    after: readonly StoredVersion[],
    keys: readonly string[],
  ): Promise<void> {
    if (keys.includes('')) {
      this.replicas.expect(definition.name, stampOf(after.filter((v) => v.key === '')));
    }
    if (this.replicas.keepsKeysOf(definition.name)) {
      this.replicas.expectKeys(definition.name, await this.versions.stamp(tx, definition.name));
    }
  }

  private async apply(
    tx: EntityManager,
    definition: DocumentDefinition,
    before: readonly StoredVersion[],
    after: readonly StoredVersion[],
    keys: readonly string[],
  ): Promise<void> {
    const was = inForceByKey(before, this.lineage);
    const is = inForceByKey(after, this.lineage);
    const changes: DocumentChange[] = [];
    for (const key of keys) {
      const previous = was.get(key);
      const current = is.get(key);
      if (sameLayer(previous, current)) continue;
      if (!current) {
        // Only a withdrawal with nothing beneath it gets here; the publisher refuses to issue one.
        this.logger.warn({ msg: 'no version in force any more', document: definition.name, key });
        continue;
      }
      changes.push({
        ...decodedVersion(definition, current, this.topology),
        ...(previous ? { previous: decodedVersion(definition, previous, this.topology) } : {}),
      });
    }
    if (changes.length > 0) await this.catalog.notify(definition.name, changes, tx);
  }
}
