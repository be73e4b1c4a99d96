import { SERVICE_QUALITY_COLUMNS, SERVICE_QUALITY_FIGURES } from '@kaf/usage-rules';

/** A Shanghai calendar month of a timestamp column, as billing months are written. */
export const monthOf = (column: string): string =>
  `to_char(${column} AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')`;

/** The first instant after a billing month (`YYYY-MM`) ends, in Shanghai. */
const MONTH_END = (month: string): string =>
  `((to_date(${month}, 'YYYY-MM') + interval '1 month')::timestamp AT TIME ZONE 'Asia/Shanghai')`;

/**
 * When a ticket's restore (faults) or resolve (the other types) target was met: service back for a
 * fault (its resolution when no restore was recorded), the resolution for the others.
 */
const DONE_AT = `CASE WHEN t.ticket_type = 'fault' THEN coalesce(t.restored_at, t.resolution_date) ELSE t.resolution_date END`;

/**
 * What each ticket counts in which month, one row per (ticket, month, figure): created, closed,
 * the restore target falling due (`expected_resolution_date`, which the SLA clock keeps moved by
 * pauses) and whether it was met by then, restored or resolved with its minutes from creation.
 * Merged duplicates count nothing (their ticket does). The response target comes from the
 * ticket's SLA clock (a clock stopped unmet before its due time — the ticket closed, cancelled or
 * rejected — fell due for no one); an escalation raised for the ticket counts as open in every
 * month at whose end (the current month: now) it was raised and not closed. A return visit
 * (not cancelled) falls due in the month of its due time, done or not; its score counts in the
 * month it was done.
 */
const TICKET_FACTS = `
  SELECT t.ticket_type, t.severity, c.grade, f.month, f.figure, f.amount
    FROM trouble_ticket t
    JOIN customer c ON c.id = t.customer_id
    CROSS JOIN LATERAL (VALUES
      (${monthOf('t.created_at')}, 'opened', 1::bigint),
      (${monthOf('t.closed_at')}, 'closed', 1::bigint),
      (${monthOf('t.expected_resolution_date')}, 'restore_due', 1::bigint),
      (${monthOf('t.expected_resolution_date')}, 'restore_met',
        CASE WHEN ${DONE_AT} <= t.expected_resolution_date THEN 1::bigint ELSE 0::bigint END),
      (${monthOf(DONE_AT)}, 'restored_count', 1::bigint),
      (${monthOf(DONE_AT)}, 'restore_minutes_sum',
        floor(extract(epoch FROM (${DONE_AT}) - t.created_at) / 60)::bigint)
    ) AS f(month, figure, amount)
   WHERE t.merged_into IS NULL AND f.month = ANY($1::text[])
  UNION ALL
  SELECT t.ticket_type, t.severity, c.grade, f.month, f.figure, f.amount
    FROM ticket_sla_clock k
    JOIN trouble_ticket t ON t.id = k.ticket_id
    JOIN customer c ON c.id = t.customer_id
    CROSS JOIN LATERAL (VALUES
      (${monthOf('k.due_at')}, 'response_due', 1::bigint),
      (${monthOf('k.due_at')}, 'response_met',
        CASE WHEN k.met_at <= k.due_at THEN 1::bigint ELSE 0::bigint END)
    ) AS f(month, figure, amount)
   WHERE k.target = 'response' AND t.merged_into IS NULL AND f.month = ANY($1::text[])
     AND NOT (k.met_at IS NULL AND k.stopped_at IS NOT NULL AND k.stopped_at < k.due_at)
  UNION ALL
  SELECT t.ticket_type, t.severity, c.grade, f.month, f.figure, f.amount
    FROM ticket_return_visit v
    JOIN trouble_ticket t ON t.id = v.ticket_id
    JOIN customer c ON c.id = t.customer_id
    CROSS JOIN LATERAL (VALUES
      (${monthOf('v.due_at')}, 'return_visits_due', 1::bigint),
      (${monthOf('v.due_at')}, 'return_visits_done',
        CASE WHEN v.state = 'done' THEN 1::bigint ELSE 0::bigint END),
      (${monthOf('v.done_at')}, 'satisfaction_sum', coalesce(v.satisfaction, 0)::bigint),
      (${monthOf('v.done_at')}, 'satisfaction_count',
        CASE WHEN v.satisfaction IS NULL THEN 0::bigint ELSE 1::bigint END)
    ) AS f(month, figure, amount)
   WHERE v.state <> 'cancelled' AND t.merged_into IS NULL AND f.month = ANY($1::text[])
  UNION ALL
  SELECT t.ticket_type, t.severity, c.grade, m.month, 'escalations_open', 1::bigint
    FROM unnest($1::text[]) AS m(month)
    JOIN raised_escalation e
      ON e.raised_at < ${MONTH_END('m.month')}
     AND (e.closed_at IS NULL OR e.closed_at >= ${MONTH_END('m.month')})
    JOIN trouble_ticket t ON t.id::text = e.case_id
    JOIN customer c ON c.id = t.customer_id
   WHERE e.subject_type = 'ticket' AND t.merged_into IS NULL`;

/**
 * The lines of the months `$1` (text[]): one row per month, ticket type, severity and customer
 * grade with at least one figure, each figure in its column (see SERVICE_QUALITY_COLUMNS).
 */
export const QUALITY_LINES_SQL = `
  SELECT month AS billing_month, ticket_type, severity, grade,
         ${SERVICE_QUALITY_FIGURES.map((f) => {
           const column = SERVICE_QUALITY_COLUMNS[f];
           return `coalesce(sum(amount) FILTER (WHERE figure = '${column}'), 0)::text AS ${column}`;
         }).join(',\n         ')}
    FROM (${TICKET_FACTS}) facts
   GROUP BY month, ticket_type, severity, grade
  HAVING sum(amount) > 0
   ORDER BY month, ticket_type, severity, grade`;

/** Every month in which some ticket counts something, for a resync of every month. */
export const QUALITY_MONTHS_SQL = `
  SELECT DISTINCT m AS billing_month FROM trouble_ticket t
   CROSS JOIN LATERAL unnest(ARRAY[
     ${monthOf('t.created_at')}, ${monthOf('t.closed_at')},
     ${monthOf('t.expected_resolution_date')}, ${monthOf(DONE_AT)}]) AS m
   WHERE m IS NOT NULL AND t.merged_into IS NULL
  UNION
  SELECT DISTINCT m FROM ticket_return_visit v
    JOIN trouble_ticket t ON t.id = v.ticket_id
   CROSS JOIN LATERAL unnest(ARRAY[${monthOf('v.due_at')}, ${monthOf('v.done_at')}]) AS m
   WHERE m IS NOT NULL AND v.state <> 'cancelled' AND t.merged_into IS NULL`;
