import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { type GroupCustomerPublished, GroupCustomerPublishedSchema } from '@kaf/contracts';
import { defineDocument } from '@kaf/documents';
import { isGroupCode } from './group-code';

/**
 * The national group-customer registry (集团客户): one key per group, each with its own version.
 * Every city keeps a replica so that it can attach its customers to groups.
 */
export const GROUP_REGISTRY_DOCUMENT = defineDocument({
  name: 'group-registry',
  issuerTier: 'national',
  audience: { tiers: ['city'] },
  schema: GroupCustomerPublishedSchema,
  problem: (body, key) =>
    !isGroupCode(key) || body.groupCode !== key
      ? `group ${JSON.stringify(body.groupCode)} under key ${JSON.stringify(key)} is not a registry code`
      : undefined,
});

export interface GroupState {
  groupCode: string;
  version: string;
  name: string;
  creditCode: string;
  industry: string;
  grade: string;
  status: string;
  leadNode: string;
  updatedAt: Date;
}

export function toBody(group: GroupState): GroupCustomerPublished {
  return create(GroupCustomerPublishedSchema, {
    groupCode: group.groupCode,
    version: BigInt(group.version),
    name: group.name,
    creditCode: group.creditCode,
    industry: group.industry,
    grade: group.grade,
    status: group.status,
    leadNode: group.leadNode,
    updatedAt: timestampFromDate(group.updatedAt),
  });
}
