/**
 * Staff write free text (a rejection reason, "waiting for site access, call …") that the home
 * city passes on to the coordinator and to transit nodes. Such text may quote a phone number, an
 * ID number or an e-mail address of the site contact; those never leave the cities (ADR 0018), so
 * they are withheld from text bound for a province or the national node. Names cannot be told
 * apart from other words and stay the writer's responsibility.
 */
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
/**
 * Seven or more digits standing on their own, possibly split by spaces, dots or dashes (phones,
 * ID numbers, cards); not a date (YYYY-MM-DD) and not part of an identifier such as a circuit id.
 */
const LONG_NUMBER =
  /(?<![\p{L}\p{N}_-])(?!\d{4}-\d{2}-\d{2}(?!\d))\d(?:[\s.-]?\d){6,}[Xx]?(?![\p{L}\p{N}_])/gu;

export const WITHHELD = '[withheld]';

export function withholdPersonalData(text: string): string {
  return text.replace(EMAIL, WITHHELD).replace(LONG_NUMBER, WITHHELD);
}
