import type {JobInfo} from './jobs-api.js'

/** One CloudWatch Logs stream of one attempt of one job, as DescribeJobs reports it. */
export interface LogStreamRef {
  logGroup: string
  logStreamName: string
  /** The job whose attempt wrote it (`<id>`, `<id>:<index>` or `<id>#<node>`). */
  jobId: string
  /** Prefix shown before each line: `[3]`, `node 1`, plus ` #2` for a second attempt; '' for a plain job. */
  label: string
  /** 1-based attempt number. */
  attempt: number
}

export function jobLabel(job: Pick<JobInfo, 'arrayIndex' | 'nodeIndex'>): string {
  if (job.arrayIndex !== undefined) return `[${job.arrayIndex}]`
  if (job.nodeIndex !== undefined) return `node ${job.nodeIndex}`
  return ''
}

/**
 * The streams of a job's attempts: `attempts[].container.logStreamName` for finished attempts
 * and `container.logStreamName` for the running one. Never guessed from names.
 */
export function streamsOf(job: JobInfo): LogStreamRef[] {
  const base = jobLabel(job)
  const names: string[] = []
  for (const attempt of job.attempts) if (attempt.logStreamName && !names.includes(attempt.logStreamName)) names.push(attempt.logStreamName)
  if (job.logStreamName && !names.includes(job.logStreamName)) names.push(job.logStreamName)
  return names.map((logStreamName, i) => ({
    logGroup: job.logGroup,
    logStreamName,
    jobId: job.jobId,
    label: i === 0 ? base : `${base}${base ? ' ' : ''}#${i + 1}`,
    attempt: i + 1,
  }))
}
