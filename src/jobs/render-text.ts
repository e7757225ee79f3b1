import {assertNever} from '../errors.js'
import type {FollowEvent} from './follow.js'
import {JOB_STATUSES} from './jobs-api.js'
import type {StatusCounts} from './watch.js'

export interface TextRenderOptions {
  /** ANSI colours for child labels and statuses (off for NO_COLOR and when not a TTY). */
  color: boolean
  /** Prefix log lines with their ISO timestamp. */
  timestamps: boolean
}

/** A line to print and where: log lines are data (stdout), progress goes to stderr. */
export interface RenderedLine {
  to: 'stdout' | 'stderr'
  text: string
}

// Bright colours readable on dark and light backgrounds; red is kept for failures.
const PALETTE = [36, 32, 33, 35, 34, 96, 92, 93, 95, 94]

/** The same label always gets the same colour, in every run. */
export function labelColor(label: string): number {
  let hash = 0
  for (let i = 0; i < label.length; i++) hash = (hash * 31 + label.charCodeAt(i)) >>> 0
  return PALETTE[hash % PALETTE.length]!
}

const paint = (on: boolean, code: number, text: string): string => (on ? `\u001B[${code}m${text}\u001B[39m` : text)

/** `[######----] 600/1000 · SUCCEEDED 590 · FAILED 10 · RUNNING 64 · RUNNABLE 336`. */
export function progressLine(counts: StatusCounts, total: number, width = 20): string {
  const done = counts.SUCCEEDED + counts.FAILED
  const filled = total > 0 ? Math.round((done / total) * width) : 0
  const parts = [...JOB_STATUSES].reverse().filter((status) => counts[status] > 0).map((status) => `${status} ${counts[status]}`)
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}${parts.length ? ' · ' + parts.join(' · ') : ''}`
}

/** Plain-text rendering of one follow event (non-TTY output, and the base of the TTY view). */
export function renderText(event: FollowEvent, options: TextRenderOptions): RenderedLine | undefined {
  switch (event.type) {
    case 'log': {
      const {line} = event
      const time = options.timestamps ? `${new Date(line.timestamp).toISOString()} ` : ''
      const label = line.stream.label ? `${paint(options.color, labelColor(line.stream.label), line.stream.label)} ` : ''
      return {to: 'stdout', text: `${time}${label}${line.message}`}
    }
    case 'status':
      return {
        to: 'stderr',
        text: `${event.jobId}: ${event.previous ? `${event.previous} → ` : ''}${event.status}${event.reason && event.status === 'FAILED' ? ` (${event.reason})` : ''}`,
      }
    case 'counts':
      return {to: 'stderr', text: progressLine(event.counts, event.total)}
    case 'child-failed': {
      const exit = event.exitCode !== undefined ? ` (exit ${event.exitCode})` : ''
      return {to: 'stderr', text: `${paint(options.color, 31, '✗')} ${event.label || event.jobId} failed${exit}${event.reason ? `: ${event.reason}` : ''}`}
    }
    case 'streams':
      return undefined
    case 'done':
      return {
        to: 'stderr',
        text:
          event.status === 'SUCCEEDED'
            ? `${paint(options.color, 32, '✓')} ${event.job.jobName} (${event.job.jobId}) SUCCEEDED`
            : `${paint(options.color, 31, '✗')} ${event.job.jobName} (${event.job.jobId}) FAILED${event.reason ? `: ${event.reason}` : ''}`,
      }
    case 'warning':
      return {to: 'stderr', text: `warning: ${event.message}`}
    default:
      return assertNever(event, 'follow event')
  }
}
