import {AwsError} from '../../../aws-error.js'
import type {BatchState} from '../state.js'
import {jobsRuntime} from './runtime.js'

/** AWS Batch's default log group (awslogs driver without `awslogs-group`). */
export const JOB_LOG_GROUP = '/aws/batch/job'

/**
 * The awslogs stream of an attempt: `<jobDefinitionName>/default/<ecs task id>`.
 * AWS: "Use the awslogs log driver" / job states pages of the AWS Batch User Guide.
 */
export function logStreamName(jobDefinitionName: string, taskId: string): string {
  return `${jobDefinitionName}/default/${taskId}`
}

async function ignoreExisting(promise: Promise<unknown>): Promise<void> {
  try {
    await promise
  } catch (error) {
    if (error instanceof AwsError && error.code === 'ResourceAlreadyExistsException') return
    throw error
  }
}

/**
 * Writes an attempt's output to CloudWatch Logs through the emulator's logs service, as the
 * awslogs driver does: the group is created on demand, events keep their order. A missing
 * logs service only costs the logs, never the job.
 */
export function writeLogEvents(state: BatchState, stream: string, events: {timestamp: number; message: string}[]): void {
  const runtime = jobsRuntime(state)
  const emulator = state.emulator
  const previous = runtime.logChains.get(stream)
  const write = async (): Promise<void> => {
    if (!previous) {
      await ignoreExisting(emulator.invoke('logs', 'CreateLogGroup', {logGroupName: JOB_LOG_GROUP}, state.region))
      await ignoreExisting(
        emulator.invoke('logs', 'CreateLogStream', {logGroupName: JOB_LOG_GROUP, logStreamName: stream}, state.region),
      )
    } else {
      await previous
    }
    // PutLogEvents takes at most 10,000 events (and 1 MB) per call; stay well under both.
    for (let i = 0; i < events.length; i += 1000) {
      const logEvents = events.slice(i, i + 1000)
      await emulator.invoke('logs', 'PutLogEvents', {logGroupName: JOB_LOG_GROUP, logStreamName: stream, logEvents}, state.region)
    }
  }
  const chain = write().catch(() => {
    // The logs service may be absent or stopped; job state does not depend on it.
  })
  runtime.logChains.set(stream, chain)
}

/** Resolves when every log write issued so far has been handled (tests, shutdown). */
export async function flushJobLogs(state: BatchState): Promise<void> {
  await Promise.all(jobsRuntime(state).logChains.values())
}
