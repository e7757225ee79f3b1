import type {StepContext} from '../../apply/adapter.js'
import type {InvocationTarget} from '../../model/index.js'
import {resolveLink} from '../batch/batch-env.js'
import type {CallerArns} from './caller-arns.js'

/*
 * What a schedule or a rule starts, with every link resolved to the ARN AWS wants: the job queue
 * ARN, the job definition ARN without revision, the state machine ARN. `{ref}` links go through
 * `plan.names` (which knows the generated names of replacements).
 */

/** An InvocationTarget with ARNs in place of links. */
export type ResolvedInvocation =
  | {
      type: 'batch.submitJob'
      jobQueue: string
      jobDefinition: string
      jobName: string
      arraySize?: number
      parameters?: Record<string, string>
      retryAttempts?: number
    }
  | {type: 'sfn.startExecution'; stateMachine: string; input?: string}

export async function resolveInvocation(target: InvocationTarget, ctx: StepContext, arns: CallerArns): Promise<ResolvedInvocation> {
  if (target.type === 'sfn.startExecution') {
    const stateMachine = await arns.stateMachine(resolveLink(target.stateMachine, ctx))
    return {type: target.type, stateMachine, ...(target.input === undefined ? {} : {input: target.input})}
  }
  const [jobQueue, jobDefinition] = await Promise.all([
    arns.jobQueue(resolveLink(target.jobQueue, ctx)),
    arns.jobDefinition(resolveLink(target.jobDefinition, ctx)),
  ])
  return {...target, jobQueue, jobDefinition}
}

/**
 * The SubmitJob request of a Batch invocation, with the API's member names in PascalCase as
 * EventBridge Scheduler's universal targets take them (Input "determined by the service API your
 * schedule invokes": https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-targets-universal.html).
 */
export function submitJobRequest(target: Extract<ResolvedInvocation, {type: 'batch.submitJob'}>): Record<string, unknown> {
  return {
    JobName: target.jobName,
    JobQueue: target.jobQueue,
    JobDefinition: target.jobDefinition,
    ...(target.arraySize === undefined ? {} : {ArrayProperties: {Size: target.arraySize}}),
    ...(target.parameters === undefined ? {} : {Parameters: target.parameters}),
    ...(target.retryAttempts === undefined ? {} : {RetryStrategy: {Attempts: target.retryAttempts}}),
  }
}

/** A member of a JSON request in either case (`JobName` or `jobName`). */
function member(request: Record<string, unknown>, pascal: string): unknown {
  return request[pascal] ?? request[pascal.charAt(0).toLowerCase() + pascal.slice(1)]
}

function record(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
}

/** A string map (job parameters), or undefined when the value is not one. */
export function stringMap(value: unknown): Record<string, string> | undefined {
  const map = record(value)
  if (map === undefined || !Object.values(map).every((v) => typeof v === 'string')) return undefined
  return map as Record<string, string>
}

/** A SubmitJob request read back (from a universal target's Input) as an InvocationTarget; links become `{external}`. */
export function invocationFromSubmitJob(request: Record<string, unknown>): InvocationTarget {
  const size = member(record(member(request, 'ArrayProperties')) ?? {}, 'Size')
  const attempts = member(record(member(request, 'RetryStrategy')) ?? {}, 'Attempts')
  const parameters = stringMap(member(request, 'Parameters'))
  return {
    type: 'batch.submitJob',
    jobQueue: {external: String(member(request, 'JobQueue') ?? '')},
    jobDefinition: {external: String(member(request, 'JobDefinition') ?? '')},
    jobName: String(member(request, 'JobName') ?? ''),
    ...(typeof size === 'number' ? {arraySize: size} : {}),
    ...(parameters === undefined ? {} : {parameters}),
    ...(typeof attempts === 'number' ? {retryAttempts: attempts} : {}),
  }
}

/** Parses a JSON object text; undefined for anything else. */
export function parseObject(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined
  try {
    return record(JSON.parse(text) as unknown)
  } catch {
    return undefined
  }
}

/** Step Functions state machine ARNs: `arn:<partition>:states:<region>:<account>:stateMachine:<name>`. */
export const STATE_MACHINE_ARN = /^arn:[^:]+:states:[^:]*:[^:]*:stateMachine:[^:]+$/
/** Batch job queue ARNs. */
export const JOB_QUEUE_ARN = /^arn:[^:]+:batch:[^:]*:[^:]*:job-queue\/.+$/
