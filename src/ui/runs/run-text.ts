import type {RunListing} from '../../runs/list-runs.js'
import type {RunEvent} from '../../runs/run-events.js'
import {assertNever} from '../../errors.js'

/** A duration as `1h02m`, `3m05s` or `12s`. */
export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000)
  if (s < 60) return `${s}s`
  const m = Math.floor(s / 60)
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`
}

/**
 * A `.sync` Batch failure's cause is the whole job description (PascalCase JSON); a line
 * needs only the job, its status reason and exit code. Other causes are shown as they are.
 */
export function summarizeCause(cause: string | undefined): string | undefined {
  if (cause === undefined || !cause.startsWith('{')) return cause
  try {
    const job = JSON.parse(cause) as {JobId?: string; Status?: string; StatusReason?: string; Container?: {ExitCode?: number; Reason?: string}}
    if (typeof job.JobId !== 'string' || typeof job.Status !== 'string') return cause
    const exit = job.Container?.ExitCode === undefined ? '' : ` (exit code ${job.Container.ExitCode})`
    const why = job.Container?.Reason ?? job.StatusReason
    return `job ${job.JobId} ${job.Status}${why ? `: ${why}` : ''}${exit}`
  } catch {
    return cause
  }
}

function reason(error?: string, cause?: string): string {
  const parts = [error, summarizeCause(cause)].filter((part): part is string => part !== undefined && part !== '')
  return parts.length === 0 ? '' : `: ${parts.join(': ')}`
}

function summary(counts: Record<string, number> | undefined, size: number | undefined): string {
  if (!counts || size === undefined) return ''
  const done = (counts.SUCCEEDED ?? 0) + (counts.FAILED ?? 0)
  const failed = counts.FAILED ? `, ${counts.FAILED} failed` : ''
  return ` ${done}/${size} done${failed}`
}

/** One plain line per run event (piped output); undefined for events with nothing to say. */
export function runEventLine(event: RunEvent): string | undefined {
  switch (event.type) {
    case 'started':
      return event.reused
        ? `${event.workflow}: execution ${event.name} had already been started (${event.executionArn})`
        : `${event.workflow}: started execution ${event.name} (${event.executionArn})`
    case 'steps':
      return `steps: ${event.steps.join(', ')}`
    case 'step': {
      const caught = event.caught ? ' (caught)' : ''
      return `${event.step}: ${event.status}${caught}${reason(event.error, event.cause)}`
    }
    case 'job':
      return `${event.step}: submitted job ${event.jobId}${event.jobName ? ` (${event.jobName})` : ''}`
    case 'job-progress':
      return `${event.step}: job ${event.jobId} ${event.status}${summary(event.statusSummary, event.arraySize)}`
    case 'map-progress':
      return `${event.step}: ${event.succeeded + event.failed}/${event.length} iterations done${event.failed ? `, ${event.failed} failed` : ''}`
    case 'finished': {
      const took = event.stopDate !== undefined ? ` after ${formatDuration(event.stopDate - event.startDate)}` : ''
      return `execution ${event.status}${took}${event.status === 'SUCCEEDED' ? '' : reason(event.error, event.cause)}`
    }
    default:
      return assertNever(event, 'run event')
  }
}

/** `run --list` as aligned columns: workflow, name, status, start (UTC), duration. */
export function runListText(listings: RunListing[]): string {
  if (listings.length === 0) return 'No executions.\n'
  const rows = [
    ['WORKFLOW', 'NAME', 'STATUS', 'STARTED', 'DURATION'],
    ...listings.map((l) => [l.workflow, l.name, l.status, new Date(l.startDate).toISOString().replace(/\.\d+Z$/, 'Z'), formatDuration(l.durationMs)]),
  ]
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)))
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')).join('\n') + '\n'
}
