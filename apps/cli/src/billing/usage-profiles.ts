import type { ProductCode } from '@kaf/catalogue';
import type { Rng } from '../seed/prng';

/** What one usage event of a product typically bills, in fen, and the unit its quantity counts. */
interface ProductProfile {
  minFen: number;
  maxFen: number;
  unit: string;
  /** Quantity per 10,000 fen billed, roughly. */
  quantityPer10k: number;
  /** Quantities carry decimals (e.g. traffic). */
  fractional: boolean;
}

// Keyed by every catalogue code, so a product added to the catalogue needs a profile to compile.
const PROFILES: Record<ProductCode, ProductProfile> = {
  dedicated_internet: {
    minFen: 200_000,
    maxFen: 3_000_000,
    unit: 'Mbps',
    quantityPer10k: 1,
    fractional: false,
  },
  mpls_vpn: { minFen: 100_000, maxFen: 2_000_000, unit: 'site', quantityPer10k: 0.02, fractional: false },
  digital_circuit: {
    minFen: 50_000,
    maxFen: 1_500_000,
    unit: 'circuit',
    quantityPer10k: 0.01,
    fractional: false,
  },
  voice_trunk: { minFen: 10_000, maxFen: 500_000, unit: 'min', quantityPer10k: 800, fractional: false },
  iot: { minFen: 100, maxFen: 50_000, unit: 'SIM', quantityPer10k: 2_000, fractional: false },
  cloud: { minFen: 5_000, maxFen: 2_000_000, unit: 'vCPU-h', quantityPer10k: 45.5, fractional: true },
  sd_wan: { minFen: 50_000, maxFen: 800_000, unit: 'site', quantityPer10k: 0.05, fractional: false },
  idc: { minFen: 100_000, maxFen: 5_000_000, unit: 'rack-day', quantityPer10k: 0.3, fractional: true },
  ddn: { minFen: 30_000, maxFen: 600_000, unit: 'circuit', quantityPer10k: 0.02, fractional: false },
  ethernet_private_line: {
    minFen: 100_000,
    maxFen: 2_500_000,
    unit: 'Mbps',
    quantityPer10k: 0.5,
    fractional: false,
  },
  sms: { minFen: 500, maxFen: 300_000, unit: 'message', quantityPer10k: 2_500, fractional: false },
  cdn: { minFen: 10_000, maxFen: 1_500_000, unit: 'GB', quantityPer10k: 120.5, fractional: true },
  security: { minFen: 50_000, maxFen: 1_000_000, unit: 'service', quantityPer10k: 0.05, fractional: false },
};
const FALLBACK: ProductProfile = {
  minFen: 1_000,
  maxFen: 100_000,
  unit: 'unit',
  quantityPer10k: 1,
  fractional: false,
};

/** Share of events that are credits or adjustments (negative amounts). */
const ADJUSTMENT_SHARE = 0.04;

export interface DrawnAmount {
  amountFen: bigint;
  quantity: string;
  unit: string;
}

/**
 * One event's amount for `product`, scaled by the customer's size: mostly charges drawn
 * log-uniformly over the product's range, sometimes a credit of up to a third of a charge.
 */
export function drawAmount(rng: Rng, product: string, customerScale: number): DrawnAmount {
  const p = (PROFILES as Record<string, ProductProfile | undefined>)[product] ?? FALLBACK;
  const span = Math.log(p.maxFen / p.minFen);
  const charge = Math.max(1, Math.round(p.minFen * Math.exp(rng.next() * span) * customerScale));
  if (rng.chance(ADJUSTMENT_SHARE)) {
    return {
      amountFen: -BigInt(rng.int(1, Math.max(1, Math.floor(charge / 3)))),
      quantity: '0',
      unit: p.unit,
    };
  }
  const q = (charge / 10_000) * p.quantityPer10k;
  const quantity = p.fractional ? q.toFixed(2) : String(Math.max(1, Math.round(q)));
  return { amountFen: BigInt(charge), quantity, unit: p.unit };
}

/** A customer's size relative to the typical one: most are small, a few are very large. */
export function drawCustomerScale(rng: Rng): number {
  // Pareto-like tail: 1 / u^0.6 over u in (0.05, 1], scaled so the median is about one.
  const u = 0.05 + rng.next() * 0.95;
  return Math.round((0.7 / u ** 0.6) * 100) / 100;
}
