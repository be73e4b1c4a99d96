import { Injectable } from '@nestjs/common';
import { type DescMessage, fromBinary } from '@bufbuild/protobuf';
import { LatestVersionCache } from '@kaf/platform';
import { DataSource } from 'typeorm';
import type { DocumentDefinition, DocumentVersion } from './document-definition';
import { DocumentVersionsRepository } from './document-versions.repository';

type Held = DocumentVersion | undefined;

/**
 * Single-body documents as this node holds them, served from memory. The handler that applies a
 * version calls `expect` in its transaction; from then on reads go back to the database until that
 * version is visible, so no reader keeps an older copy after the change committed.
 */
@Injectable()
export class DocumentReplicas {
  private readonly caches = new Map<string, LatestVersionCache<Held>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly versions: DocumentVersionsRepository,
  ) {}

  /** The version in force here, or undefined until the first one arrives. */
  async current<Desc extends DescMessage>(
    definition: DocumentDefinition<Desc>,
  ): Promise<DocumentVersion<Desc> | undefined> {
    return await this.cache(definition).get();
  }

  expect(document: string, version: bigint): void {
    this.caches.get(document)?.expect(version);
  }

  private cache(definition: DocumentDefinition): LatestVersionCache<Held> {
    let cache = this.caches.get(definition.name);
    if (!cache) {
      cache = new LatestVersionCache<Held>(
        async () => {
          const row = await this.versions.single(this.dataSource.manager, definition.name);
          return row
            ? {
                key: row.key,
                version: row.version,
                body: fromBinary(definition.schema, row.body),
                publishedAt: row.publishedAt,
              }
            : undefined;
        },
        (held) => held?.version ?? 0n,
      );
      this.caches.set(definition.name, cache);
    }
    return cache;
  }
}
