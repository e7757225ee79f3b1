import type {SchedulePreview} from '../../desired/schedules.js'

/** `2026-03-30T02:30+02:00` → `2026-03-30 02:30 +02:00`. */
function wallTime(local: string): string {
  return local.replace('T', ' ').replace(/([+-]\d\d:\d\d)$/, ' $1')
}

/**
 * One line saying when a schedule runs: the human reading of its expression and the next runs
 * in its time zone with their UTC offsets (so a daylight-saving change shows), e.g.
 * `At 02:30 AM (Europe/Berlin); next: 2026-03-28 02:30 +01:00, 2026-03-30 02:30 +02:00`.
 */
export function scheduleNote(preview: SchedulePreview): string {
  if (preview.nextRuns.length > 0) return `${preview.description}; next: ${preview.nextRuns.map((run) => wallTime(run.local)).join(', ')}`
  if (preview.expression.startsWith('rate(')) return `${preview.description}, counted from when it is created`
  return `${preview.description}; no runs to come`
}
