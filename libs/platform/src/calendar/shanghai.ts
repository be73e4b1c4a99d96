/**
 * Business time is Asia/Shanghai. China has kept UTC+08:00 without daylight saving since 1991, so
 * a fixed offset is exact and needs no time-zone database. The one place the offset is written:
 * everything else asks the calendar functions beside this file.
 */
export const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** The offset as RFC 3339 writes it, for instants shown in Shanghai time. */
export const SHANGHAI_ZONE = '+08:00';
