import type { DescMessage, MessageShape } from '@bufbuild/protobuf';
import { NODE_TIERS, type NodeTier, type Topology } from '@kaf/federation';

/**
 * Who a document is meant for, below its issuer: the whole subtree (`{}`), some tiers, or nodes
 * named one by one (or both: a node is in when its tier is listed or its code named).
 */
export interface Audience {
  tiers?: readonly NodeTier[];
  nodes?: readonly string[];
}

/**
 * A versioned document that one tier issues and every node below it keeps a replica of: a policy
 * (one body, key `''`) or a keyed collection (the group registry: one version per group).
 * Capabilities declare it once; `@kaf/documents` carries it down, resyncs it and collects receipts.
 */
export interface DocumentDefinition<Desc extends DescMessage = DescMessage> {
  /** Stable name on the wire and in URLs, e.g. `billing-policy`. */
  readonly name: string;
  /** The tier that issues it. */
  readonly issuerTier: Extract<NodeTier, 'national' | 'province'>;
  /**
   * A tier below the issuer whose nodes may publish their own version for their subtree (a
   * province's override of a national document), layered over the issuer's by the one rule of
   * `layering.ts`: at each node the nearest issuer's standing version is in force (ADR 0032).
   */
  readonly overridableBy?: Extract<NodeTier, 'province'>;
  /** Who receives it when the publisher names no audience. */
  readonly audience: Audience;
  /** The body's protobuf message. */
  readonly schema: Desc;
  /** Why a received body cannot be applied (it is dead-lettered), or undefined when it is sound. */
  readonly problem?: (body: MessageShape<Desc>, key: string, topology: Topology) => string | undefined;
}

/** One version of one key, as capabilities see it. */
export interface DocumentVersion<Desc extends DescMessage = DescMessage> {
  key: string;
  /** The node that issued it: the document's issuer, or a node overriding it (a province). */
  issuer: string;
  /** Issued by an overriding node rather than the document's issuing tier. */
  override: boolean;
  version: bigint;
  body: MessageShape<Desc>;
  publishedAt: Date;
}

/** A version newly applied at this node, with the one it replaced (undefined: the first). */
export interface DocumentChange<Desc extends DescMessage = DescMessage> extends DocumentVersion<Desc> {
  previous?: DocumentVersion<Desc>;
}

/** The tiers whose nodes issue versions of the document: its issuer, and the overriding tier if any. */
export function issuingTiers(definition: DocumentDefinition): NodeTier[] {
  return definition.overridableBy
    ? [definition.issuerTier, definition.overridableBy]
    : [definition.issuerTier];
}

export function defineDocument<Desc extends DescMessage>(
  definition: DocumentDefinition<Desc>,
): DocumentDefinition<Desc> {
  if (!/^[a-z][a-z0-9-]{1,62}$/.test(definition.name)) {
    throw new Error(`document name ${JSON.stringify(definition.name)} must be lower-case words joined by -`);
  }
  const by = definition.overridableBy;
  if (by && NODE_TIERS.indexOf(by) <= NODE_TIERS.indexOf(definition.issuerTier)) {
    throw new Error(
      `${definition.name} is issued by the ${definition.issuerTier} tier: a ${by} node cannot override it`,
    );
  }
  return definition;
}
