import {followJob} from '../jobs/follow.js'
import type {JobsApi, LogsApi} from '../jobs/jobs-api.js'

/** A log line as the dashboard shows it. */
export interface RecentLogLine {
  /** `[3]`, `node 1`, `#2`…; '' for a plain job. */
  label: string
  timestamp: number
  message: string
}

export interface RecentLogsOptions {
  /** Only lines from this long ago (default 1 h). */
  windowMs?: number
  /** Lines kept, the newest (default 200). */
  limit?: number
  now?: () => number
  signal?: AbortSignal
}

/**
 * The last lines a job wrote (its children and nodes too), read once through the jobs log
 * follower (`followJob` without --follow): the streams Batch reports, every line once.
 */
export async function recentLogLines(jobs: JobsApi, logs: LogsApi, jobId: string, options: RecentLogsOptions = {}): Promise<{lines: RecentLogLine[]; warnings: string[]}> {
  const now = options.now ?? Date.now
  const lines: RecentLogLine[] = []
  const warnings: string[] = []
  await followJob(
    jobs,
    logs,
    jobId,
    (event) => {
      if (event.type === 'log') lines.push({label: event.line.stream.label, timestamp: event.line.timestamp, message: event.line.message})
      else if (event.type === 'warning') warnings.push(event.message)
    },
    {withLogs: true, follow: false, log: {since: now() - (options.windowMs ?? 3_600_000)}, ...(options.signal ? {signal: options.signal} : {})},
  )
  // Streams come out one after another; the dashboard shows them in time order.
  lines.sort((a, b) => a.timestamp - b.timestamp)
  return {lines: lines.slice(-(options.limit ?? 200)), warnings}
}
