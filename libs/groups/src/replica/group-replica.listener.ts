import { Injectable, type OnModuleInit } from '@nestjs/common';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { DocumentCatalog } from '@kaf/documents';
import { GROUP_REGISTRY_DOCUMENT } from '../group-registry.document';

/**
 * City: keeps `group_customer_replica`, the registry as the city queries it (by status, industry,
 * grade), in the transaction that applies each new version of the `group-registry` document.
 */
@Injectable()
export class GroupReplicaListener implements OnModuleInit {
  constructor(private readonly catalog: DocumentCatalog) {}

  onModuleInit(): void {
    this.catalog.onChanged(GROUP_REGISTRY_DOCUMENT, async (changes, tx) => {
      const groups = changes.map((c) => c.body);
      await tx.query(
        `INSERT INTO group_customer_replica AS r
           (group_code, name, credit_code, industry, grade, status, lead_node, version, updated_at, received_at)
         SELECT g.group_code, left(g.name, 200), g.credit_code, g.industry, g.grade, g.status, g.lead_node,
                g.version, g.updated_at, now()
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                       $8::bigint[], $9::timestamptz[])
             AS g(group_code, name, credit_code, industry, grade, status, lead_node, version, updated_at)
         ON CONFLICT (group_code) DO UPDATE SET
           name = excluded.name, credit_code = excluded.credit_code, industry = excluded.industry,
           grade = excluded.grade, status = excluded.status, lead_node = excluded.lead_node,
           version = excluded.version, updated_at = excluded.updated_at, received_at = excluded.received_at
         WHERE excluded.version > r.version`,
        [
          changes.map((c) => c.key),
          groups.map((g) => g.name),
          groups.map((g) => g.creditCode),
          groups.map((g) => g.industry),
          groups.map((g) => g.grade),
          groups.map((g) => g.status),
          groups.map((g) => g.leadNode),
          changes.map((c) => c.version.toString()),
          changes.map((c, i) => (groups[i]!.updatedAt ? timestampDate(groups[i]!.updatedAt) : c.publishedAt)),
        ],
      );
    });
  }
}
