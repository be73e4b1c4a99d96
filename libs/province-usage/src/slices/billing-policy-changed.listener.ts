import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import {
  BILLING_POLICY_DEFAULTS,
  BILLING_POLICY_DOCUMENT,
  type BillingPolicyDefaults,
  changesValueClasses,
  defaultBillingPolicy,
  fromBody,
} from '@kaf/billing-policy';
import { DocumentCatalog } from '@kaf/documents';
import { UsageSliceMarker } from './usage-slice.marker';

/**
 * Province: slices carry value classes derived from the policy's high-value threshold, so a new
 * threshold re-derives every slice; all are marked dirty in the transaction that applies it.
 */
@Injectable()
export class BillingPolicyChangedListener implements OnModuleInit {
  private readonly logger = new Logger(BillingPolicyChangedListener.name);

  constructor(
    private readonly catalog: DocumentCatalog,
    private readonly slices: UsageSliceMarker,
    @Inject(BILLING_POLICY_DEFAULTS) private readonly defaults: BillingPolicyDefaults,
  ) {}

  onModuleInit(): void {
    this.catalog.onChanged(BILLING_POLICY_DOCUMENT, async (changes, tx) => {
      for (const change of changes) {
        const after = fromBody(change.body, change.version);
        const before = change.previous
          ? fromBody(change.previous.body, change.previous.version)
          : defaultBillingPolicy(this.defaults);
        if (!changesValueClasses(before, after)) continue;
        const marked = await this.slices.markAllDirty(tx);
        this.logger.log({
          msg: 'high-value threshold changed: every slice marked dirty',
          version: after.version.toString(),
          marked,
        });
      }
    });
  }
}
