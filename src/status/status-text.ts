import {JOB_STATUSES, type JobStatus} from '../jobs/jobs-api.js'
import type {ActiveJob, FailedJob, QueueStatus, StatusSnapshot} from './snapshot.js'

/** `42s`, `4m12s`, `3h05m`, `2d03h`: compact ages for the dashboard. */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000))
  if (s < 60) return `${s}s`
  const m = Math.floor(s / 60)
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`
  const h = Math.floor(m / 60)
  if (h < 24) return `${h}h${String(m % 60).padStart(2, '0')}m`
  return `${Math.floor(h / 24)}d${String(h % 24).padStart(2, '0')}h`
}

/** `SUBMITTED 0  PENDING 1 …`; a truncated count reads `1000+`. */
export function countsLine(queue: Pick<QueueStatus, 'counts' | 'truncated'>): string {
  return JOB_STATUSES.map((status) => `${status} ${queue.counts[status]}${queue.truncated.includes(status) ? '+' : ''}`).join('  ')
}

/** `7/10 done · RUNNING 2 · FAILED 1` for an array; `4 nodes` for a multi-node job. */
export function progressText(job: Pick<ActiveJob, 'arraySize' | 'progress' | 'numNodes'>): string | undefined {
  if (job.arraySize !== undefined) {
    const p = job.progress ?? {}
    const done = (p.SUCCEEDED ?? 0) + (p.FAILED ?? 0)
    const parts = (['RUNNING', 'FAILED'] as JobStatus[]).filter((s) => (p[s] ?? 0) > 0).map((s) => `${s} ${p[s]}`)
    return [`${done}/${job.arraySize} done`, ...parts].join(' · ')
  }
  if (job.numNodes !== undefined) return `${job.numNodes} nodes`
  return undefined
}

/** The first 8 characters of a job id: enough to tell jobs apart on screen. */
export function shortId(jobId: string): string {
  return jobId.slice(0, 8)
}

export function activeJobText(job: ActiveJob, now: number): string {
  const since = job.startedAt ?? job.createdAt
  const age = since === undefined ? '' : formatAge(now - since)
  const progress = progressText(job)
  return [job.jobName, shortId(job.jobId), job.status, age, progress].filter((part) => part).join('  ')
}

export function failureText(job: FailedJob, now: number): string {
  const ago = job.stoppedAt === undefined ? '' : `${formatAge(now - job.stoppedAt)} ago`
  const children = job.arraySize !== undefined ? `${job.progress?.FAILED ?? 0}/${job.arraySize} children failed` : ''
  const exit = job.exitCode !== undefined ? `exit ${job.exitCode}` : ''
  const why = [exit, job.statusReason].filter((part) => part).join(': ')
  return [job.jobName, shortId(job.jobId), ago, children, why].filter((part) => part).join('  ')
}

/** Running or starting jobs the snapshot counts but does not list (beyond `maxRunning`). */
export function unlistedRunning(queue: QueueStatus): number {
  const listed = queue.running.filter((job) => job.status !== 'PENDING').length
  return Math.max(0, queue.counts.RUNNING + queue.counts.STARTING - listed)
}

/** The snapshot as plain lines (output piped, or `status` without --watch). */
export function statusText(snapshot: StatusSnapshot): string {
  const lines: string[] = []
  const now = snapshot.takenAt
  if (snapshot.queues.length === 0) lines.push('batch.yaml defines no job queues')
  for (const queue of snapshot.queues) {
    lines.push(`queue ${queue.key} (${queue.name})`, `  ${countsLine(queue)}`)
    if (queue.running.length > 0) lines.push('  running:', ...queue.running.map((job) => `    ${activeJobText(job, now)}`))
    if (unlistedRunning(queue) > 0) lines.push(`    … ${unlistedRunning(queue)} more running`)
    if (queue.failures.length > 0) lines.push('  recent failures:', ...queue.failures.map((job) => `    ${failureText(job, now)}`))
  }
  return lines.join('\n') + '\n'
}
