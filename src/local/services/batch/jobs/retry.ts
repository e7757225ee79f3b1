import type {JobDetail} from '@aws-sdk/client-batch'

/**
 * AWS's EvaluateOnExit patterns: exact text, or a prefix when the pattern ends with `*`
 * (AWS Batch API reference, "EvaluateOnExit").
 */
export function matchesPattern(pattern: string | undefined, value: string | undefined): boolean {
  if (pattern === undefined) return true
  if (value === undefined) return false
  return pattern.endsWith('*') ? value.startsWith(pattern.slice(0, -1)) : value === pattern
}

/**
 * Whether a failed attempt is tried again: attempts remain under `retryStrategy.attempts` and
 * the first `evaluateOnExit` rule whose conditions all match says RETRY; when no rule matches
 * the job is retried (API reference, "RetryStrategy").
 */
export function shouldRetry(job: JobDetail, exitCode: number | undefined, reason: string | undefined, statusReason: string): boolean {
  const allowed = job.retryStrategy?.attempts ?? 1
  if ((job.attempts?.length ?? 0) >= allowed) return false
  for (const rule of job.retryStrategy?.evaluateOnExit ?? []) {
    const matches =
      matchesPattern(rule.onExitCode, exitCode === undefined ? undefined : String(exitCode)) &&
      matchesPattern(rule.onReason, reason) &&
      matchesPattern(rule.onStatusReason, statusReason)
    if (matches) return String(rule.action).toUpperCase() === 'RETRY'
  }
  return true
}
