import { Inject, Injectable } from '@nestjs/common';
import { type DescMessage, fromBinary, type MessageShape, toBinary } from '@bufbuild/protobuf';
import { NODE_IDENTITY, type NodeIdentity } from '@kaf/federation';
import { ConflictError } from '@kaf/platform';
import type { EntityManager } from 'typeorm';
import { DocumentCatalog } from './document-catalog';
import { type Audience, type DocumentDefinition, issuingTiers } from './document-definition';
import { DocumentLayers } from './document-layers';
import { DocumentRelay } from './document-relay';
import { DocumentVersionsRepository, type StoredVersion } from './document-versions.repository';
import { newestPerKey, normalised } from './document-wire';

export interface NewVersion<Desc extends DescMessage> {
  /** `''` for a single-body document. */
  key?: string;
  version: bigint;
  body: MessageShape<Desc>;
  publishedAt: Date;
}

/** A withdrawal of this node's own version of a key: itself a version, above the one withdrawn. */
export interface Withdrawal {
  key?: string;
  version: bigint;
  publishedAt: Date;
}

/** What this node itself issued of a key: its latest version, or its withdrawal. */
export type IssuedVersion<Desc extends DescMessage> = { version: bigint; publishedAt: Date } & (
  { withdrawn: false; body: MessageShape<Desc> } | { withdrawn: true }
);

/**
 * The issuing node's side: stores each new version as the one it holds (resync answers come from
 * there) and sends it down, in the caller's transaction, so a version is published exactly when
 * the change that made it commits. A version not above the one held is skipped, so a capability
 * may hand over its whole current state (at boot, after an upgrade) and only what is missing goes.
 * A node of a document's overriding tier (a province) publishes and withdraws its override the
 * same way; the override is in force at the node itself too, so its listeners run (ADR 0032).
 */
@Injectable()
export class DocumentPublisher {
  constructor(
    private readonly catalog: DocumentCatalog,
    private readonly versions: DocumentVersionsRepository,
    private readonly layers: DocumentLayers,
    private readonly relay: DocumentRelay,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
  ) {}

  async publish<Desc extends DescMessage>(
    tx: EntityManager,
    definition: DocumentDefinition<Desc>,
    versions: readonly NewVersion<Desc>[],
    audience: Audience = definition.audience,
  ): Promise<number> {
    this.mayIssue(definition);
    return this.store(
      tx,
      definition,
      versions.map((v) => ({
        key: v.key ?? '',
        issuer: this.identity.code,
        version: v.version,
        body: toBinary(definition.schema, v.body),
        withdrawn: false,
        audience: normalised(audience),
        publishedAt: v.publishedAt,
      })),
      audience,
    );
  }

  /**
   * Withdraws this node's override of keys: below it (and here) the issuer's version above is in
   * force again. Refused when there is none to fall back to, which would leave nothing in force.
   */
  async withdraw(
    tx: EntityManager,
    definition: DocumentDefinition,
    withdrawals: readonly Withdrawal[],
    audience: Audience = definition.audience,
  ): Promise<number> {
    this.mayIssue(definition);
    if (this.identity.tier !== definition.overridableBy) {
      throw new Error(
        `${definition.name}: only an overriding ${definition.overridableBy ?? 'tier'} withdraws`,
      );
    }
    await this.versions.lockDocument(tx, definition.name);
    const keys = withdrawals.map((w) => w.key ?? '');
    const held = await this.versions.layers(tx, definition.name, keys);
    for (const key of keys) {
      if (!held.some((h) => h.key === key && h.issuer !== this.identity.code && !h.withdrawn)) {
        throw new ConflictError(
          `${definition.name}${key ? ` ${key}` : ''}: no ${definition.issuerTier} version to fall back to yet`,
        );
      }
    }
    return this.store(
      tx,
      definition,
      withdrawals.map((w) => ({
        key: w.key ?? '',
        issuer: this.identity.code,
        version: w.version,
        body: new Uint8Array(),
        withdrawn: true,
        audience: normalised(audience),
        publishedAt: w.publishedAt,
      })),
      audience,
    );
  }

  /**
   * What this node issued of a key, locked with the document until the transaction ends, so the
   * caller numbers its next version and compares bodies without a concurrent writer in between.
   */
  async issued<Desc extends DescMessage>(
    tx: EntityManager,
    definition: DocumentDefinition<Desc>,
    key = '',
  ): Promise<IssuedVersion<Desc> | undefined> {
    this.mayIssue(definition);
    await this.versions.lockDocument(tx, definition.name);
    const own = (await this.versions.layers(tx, definition.name, [key])).find(
      (v) => v.issuer === this.identity.code,
    );
    if (!own) return undefined;
    const { version, publishedAt } = own;
    return own.withdrawn
      ? { version, publishedAt, withdrawn: true }
      : { version, publishedAt, withdrawn: false, body: fromBinary(definition.schema, own.body) };
  }

  private mayIssue(definition: DocumentDefinition): void {
    if (!issuingTiers(definition).includes(this.identity.tier)) {
      throw new Error(
        `${definition.name} is issued by a ${definition.issuerTier} node, not by ${this.identity.code}`,
      );
    }
    this.catalog.known(definition);
  }

  private async store(
    tx: EntityManager,
    definition: DocumentDefinition,
    versions: StoredVersion[],
    audience: Audience,
  ): Promise<number> {
    const stored = newestPerKey(versions);
    // The issuing tier reads its own record; an override is in force at the overriding node too.
    const apply = this.identity.tier !== definition.issuerTier;
    const fresh = await this.layers.store(tx, definition, stored, apply);
    await this.relay.down(tx, definition.name, this.identity.code, normalised(audience), fresh);
    return fresh.length;
  }
}
