import type {Emulator} from '../../../emulator.js'
import {sfnOptions, TaskFailure} from '../options.js'
import {batchSdkCall, submitJob, submitJobSync} from './batch-tasks.js'
import type {Scope} from './scope.js'
import {StatesError} from './states-error.js'

/** What a task resource gets from the interpreter. */
export interface TaskIo {
  emulator: Emulator
  region: string
  scope: Scope
  stateName: string
  executionArn: string
  /** Records TaskSubmitted (`.sync` integrations, once the job is submitted). */
  submitted(output: unknown): void
}

/**
 * How history events name a resource: `arn:aws:states:::batch:submitJob.sync` is resourceType
 * `batch`, resource `submitJob.sync`; `...:::aws-sdk:batch:describeJobs` is `aws-sdk:batch` /
 * `describeJobs`; other ARNs (Lambda functions, activities) use their service and the full ARN.
 */
export function resourceName(resource: string): {resourceType: string; resource: string} {
  const integration = /^arn:aws[a-z-]*:states:::(aws-sdk:[a-z0-9-]+|[a-z0-9-]+):(.+)$/.exec(resource)
  if (integration) return {resourceType: integration[1]!, resource: integration[2]!}
  const service = /^arn:aws[a-z-]*:([a-z0-9-]+):/.exec(resource)?.[1] ?? 'unknown'
  return {resourceType: service, resource}
}

/** Runs one task resource with its effective parameters and answers its result. */
export async function invokeResource(resource: string, parameters: unknown, io: TaskIo): Promise<unknown> {
  const {resourceType, resource: name} = resourceName(resource)
  if (resourceType === 'batch' && name === 'submitJob') return submitJob(parameters, io)
  if (resourceType === 'batch' && name === 'submitJob.sync') return submitJobSync(parameters, io)
  if (resourceType === 'aws-sdk:batch') return batchSdkCall(name, parameters, io)
  const handler = sfnOptions(io.emulator).taskHandlers?.[resource]
  if (!handler) {
    throw new StatesError('States.TaskFailed', `The emulator cannot run the resource '${resource}': no task handler is registered for it`)
  }
  try {
    return await handler(structuredClone(parameters), {
      emulator: io.emulator,
      region: io.region,
      stateName: io.stateName,
      executionArn: io.executionArn,
    })
  } catch (error) {
    if (error instanceof TaskFailure) throw new StatesError(error.error, error.cause)
    if (error instanceof StatesError) throw error
    throw new StatesError((error as Error)?.name ?? 'Error', (error as Error)?.message ?? String(error))
  }
}
