import {randomUUID} from 'node:crypto'

import type {Emulator} from '../../../emulator.js'
import {sfnOptions, TaskFailure} from '../options.js'
import {batchSdkCall, submitJob, submitJobProblems, submitJobSync} from './batch-tasks.js'
import type {Scope} from './scope.js'
import {runtimeError, StatesError} from './states-error.js'

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

/**
 * Whether the emulator can run `resource`. AWS fails an execution whose Task names a resource
 * it cannot schedule with States.Runtime ("An error occurred while scheduling the state 'X'.
 * The provided ARN 'Y' is invalid."), before any Task event.
 */
export function checkResource(stateName: string, resource: string, io: {emulator: Emulator}): void {
  const {resourceType, resource: name} = resourceName(resource)
  if (resourceType === 'batch' && (name === 'submitJob' || name === 'submitJob.sync')) return
  if (resourceType === 'aws-sdk:batch') return
  if (sfnOptions(io.emulator).taskHandlers?.[resource]) return
  if (LAMBDA_FUNCTION.test(resource)) return
  throw runtimeError(`An error occurred while scheduling the state '${stateName}'. The provided ARN '${resource}' is invalid.`)
}

const LAMBDA_FUNCTION = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[\w-]+(:[\w$-]+)?$/

/** What is wrong with a task's effective parameters for its integration (empty when fine). */
export function parameterProblems(resource: string, parameters: unknown): string[] {
  return resourceName(resource).resourceType === 'batch' ? submitJobProblems(parameters) : []
}

/** Runs one task resource with its effective parameters and answers its result. */
export async function invokeResource(resource: string, parameters: unknown, io: TaskIo): Promise<unknown> {
  const {resourceType, resource: name} = resourceName(resource)
  if (resourceType === 'batch' && name === 'submitJob') return submitJob(parameters, io)
  if (resourceType === 'batch' && name === 'submitJob.sync') return submitJobSync(parameters, io)
  if (resourceType === 'aws-sdk:batch') return batchSdkCall(name, parameters, io)
  const handler = sfnOptions(io.emulator).taskHandlers?.[resource]
  if (!handler) {
    // A Lambda function nobody registered is a function that does not exist.
    throw new StatesError(
      'Lambda.ResourceNotFoundException',
      `Function not found: ${resource} (Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; Request ID: ${randomUUID()}; Proxy: null)`,
    )
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
