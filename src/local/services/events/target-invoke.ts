import type {Target} from '@aws-sdk/client-eventbridge'

import {AwsError} from '../../aws-error.js'
import type {Emulator} from '../../emulator.js'
import type {TargetInvocation} from './target-invocation.js'

/** `PascalCase` keys to the camelCase the Batch and Step Functions APIs use (map values kept as given). */
export function camelKeys(value: unknown, keepKeysOf: ReadonlySet<string> = new Set(['parameters', 'tags'])): unknown {
  if (Array.isArray(value)) return value.map((item) => camelKeys(item, keepKeysOf))
  if (value === null || typeof value !== 'object') return value
  const out: Record<string, unknown> = {}
  for (const [key, inner] of Object.entries(value)) {
    const camel = key.charAt(0).toLowerCase() + key.slice(1)
    out[camel] = keepKeysOf.has(camel) ? inner : camelKeys(inner, keepKeysOf)
  }
  return out
}

/**
 * Calls a target service through the emulator and records the invocation; the record is pushed
 * at once and completed when the call settles. Returns the promise so callers may wait.
 */
export function invokeRecorded(
  emulator: Emulator,
  invocations: TargetInvocation[],
  record: Omit<TargetInvocation, 'result' | 'error'>,
  region: string,
): Promise<TargetInvocation> {
  const entry: TargetInvocation = {...record}
  invocations.push(entry)
  if (invocations.length > 10_000) invocations.splice(0, invocations.length - 10_000)
  return emulator.invoke(record.service, record.operation, record.request, region).then(
    (result: unknown) => {
      entry.result = result
      return entry
    },
    (error: unknown) => {
      entry.error = error instanceof AwsError ? `${error.code}: ${error.message}` : String(error)
      return entry
    },
  )
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text)
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

/** The service call a rule target makes for one event, or undefined for targets the emulator does not deliver to. */
export function ruleTargetCall(target: Target, input: string): {service: string; operation: string; request: unknown} | undefined {
  const arn = target.Arn ?? ''
  if (/^arn:aws[\w-]*:batch:[^:]*:\d+:job-queue\//.test(arn)) {
    const batch = target.BatchParameters
    // A Batch target reads only Parameters and ContainerOverrides from the (transformed) input
    // (https://docs.aws.amazon.com/batch/latest/userguide/batch-cwe-target.html, "Passing event
    // information to an AWS Batch target"); everything else about the job comes from the target's
    // BatchParameters (JobDefinition, JobName, ArrayProperties, RetryStrategy:
    // https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_BatchParameters.html). Other
    // members of the input, such as ShareIdentifier or SchedulingPriorityOverride, are not read:
    // a rule cannot give a job a share identifier, so its SubmitJob to a fair-share queue fails.
    const body = parseObject(input) ?? {}
    const request: Record<string, unknown> = {
      jobName: batch?.JobName,
      jobQueue: arn,
      jobDefinition: batch?.JobDefinition,
    }
    if (batch?.ArrayProperties?.Size !== undefined) request.arrayProperties = {size: batch.ArrayProperties.Size}
    if (batch?.RetryStrategy?.Attempts !== undefined) request.retryStrategy = {attempts: batch.RetryStrategy.Attempts}
    if (body.Parameters && typeof body.Parameters === 'object') request.parameters = body.Parameters
    if (body.ContainerOverrides && typeof body.ContainerOverrides === 'object') {
      request.containerOverrides = camelKeys(body.ContainerOverrides)
    }
    return {service: 'batch', operation: 'SubmitJob', request}
  }
  if (/^arn:aws[\w-]*:states:[^:]*:\d+:stateMachine:/.test(arn)) {
    return {service: 'states', operation: 'StartExecution', request: {stateMachineArn: arn, input}}
  }
  return undefined
}
