/** Dimensions a service-quality query may group by, with the column each one reads. */
export const SERVICE_QUALITY_DIMENSIONS = {
  province: 'province_code',
  city: 'city_code',
  month: 'billing_month',
  ticketType: 'ticket_type',
  severity: 'severity',
  grade: 'grade',
} as const;
export type ServiceQualityDimension = keyof typeof SERVICE_QUALITY_DIMENSIONS;
export const SERVICE_QUALITY_DIMENSION_NAMES = Object.keys(
  SERVICE_QUALITY_DIMENSIONS,
) as ServiceQualityDimension[];

/** Dimensions of the lines only: the active customers (per city-month) are not split by them. */
export const LINE_DIMENSIONS: readonly ServiceQualityDimension[] = ['ticketType', 'severity', 'grade'];

export const TICKET_TYPES = ['fault', 'complaint', 'inquiry', 'serviceRequest'] as const;
export const SEVERITIES = ['critical', 'major', 'minor'] as const;
export const GRADES = ['A', 'B', 'C'] as const;
