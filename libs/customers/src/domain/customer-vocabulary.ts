/**
 * Key-account classes (大客户分类). They combine. `group_member` mirrors membership of a national
 * group (集团客户) and is maintained by the membership endpoints, never set by hand.
 */
export const CUSTOMER_CLASSES = ['important', 'strategic', 'high_value', 'group_member'] as const;
export type CustomerClass = (typeof CUSTOMER_CLASSES)[number];

/** Classes a user may set directly. */
export const MANUAL_CUSTOMER_CLASSES = ['important', 'strategic', 'high_value'] as const;
export type ManualCustomerClass = (typeof MANUAL_CUSTOMER_CLASSES)[number];

export const GROUP_MEMBER_CLASS: CustomerClass = 'group_member';

export const CUSTOMER_GRADES = ['A', 'B', 'C'] as const;
export type CustomerGrade = (typeof CUSTOMER_GRADES)[number];

/** Lifecycle states, TMF629 style. */
export const CUSTOMER_STATUSES = ['prospect', 'active', 'suspended', 'churned'] as const;
export type CustomerStatus = (typeof CUSTOMER_STATUSES)[number];

/** 网格: the operator's grid / service-area code. */
export const GRID_CODE = /^[A-Z0-9-]{1,32}$/;

export const NAME_MAX = 200;
export const ADDRESS_MAX = 300;
export const REASON_MAX = 500;

/** Classes in a stable order with `group_member` following membership. */
export function normaliseClasses(manual: readonly string[], inGroup: boolean): CustomerClass[] {
  const wanted = new Set<string>(manual);
  if (inGroup) wanted.add(GROUP_MEMBER_CLASS);
  else wanted.delete(GROUP_MEMBER_CLASS);
  return CUSTOMER_CLASSES.filter((c) => wanted.has(c));
}
