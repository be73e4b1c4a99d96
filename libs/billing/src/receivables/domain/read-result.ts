/** A batch element read: the event, or why not, with every field at fault named. */
export type ReadResult<E> =
  | { ok: true; event: E }
  | { ok: false; index: number; eventId: string | null; reason: string; problems: string[] };
