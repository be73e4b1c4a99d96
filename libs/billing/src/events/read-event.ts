/** What reading one event of a batch gives: the event, or why not, naming the fields at fault. */
export type ReadEvent<E> =
  | { ok: true; event: E }
  | { ok: false; index: number; eventId: string | null; reason: string; problems: string[] };
