import type {StepContext} from '../../apply/adapter.js'
import type {InvocationTarget, SubmitContainerOverrides} from '../../model/index.js'
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
      containerOverrides?: SubmitContainerOverrides
      shareIdentifier?: string
      schedulingPriority?: number
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
    ...(target.containerOverrides === undefined ? {} : {ContainerOverrides: containerOverridesRequest(target.containerOverrides)}),
    ...(target.shareIdentifier === undefined ? {} : {ShareIdentifier: target.shareIdentifier}),
    ...(target.schedulingPriority === undefined ? {} : {SchedulingPriorityOverride: target.schedulingPriority}),
  }
}

/** SubmitJob `ContainerOverrides` in PascalCase; the environment map becomes a sorted `{Name, Value}` list. */
function containerOverridesRequest(o: SubmitContainerOverrides): Record<string, unknown> {
  return {
    ...(o.command === undefined ? {} : {Command: o.command}),
    ...(o.environment === undefined
      ? {}
      : {Environment: Object.keys(o.environment).sort().map((Name) => ({Name, Value: o.environment![Name]}))}),
    ...(o.resourceRequirements === undefined ? {} : {ResourceRequirements: o.resourceRequirements.map((r) => ({Type: r.type, Value: r.value}))}),
  }
}

/** `ContainerOverrides` of a SubmitJob request read back (either member case); undefined when absent. */
function containerOverridesOf(value: unknown): SubmitContainerOverrides | undefined {
  const o = record(value)
  if (o === undefined) return undefined
  const command = member(o, 'Command')
  const environment: Record<string, string> = {}
  for (const item of asArray(member(o, 'Environment'))) {
    const pair = record(item)
    const name = pair === undefined ? undefined : member(pair, 'Name')
    const value = pair === undefined ? undefined : member(pair, 'Value')
    if (typeof name === 'string' && typeof value === 'string') environment[name] = value
  }
  const resourceRequirements = asArray(member(o, 'ResourceRequirements')).flatMap((item): NonNullable<SubmitContainerOverrides['resourceRequirements']> => {
    const requirement = record(item)
    const type = requirement === undefined ? undefined : member(requirement, 'Type')
    const value = requirement === undefined ? undefined : member(requirement, 'Value')
    return (type === 'VCPU' || type === 'MEMORY' || type === 'GPU') && typeof value === 'string' ? [{type, value}] : []
  })
  return {
    ...(Array.isArray(command) && command.every((c) => typeof c === 'string') ? {command: command as string[]} : {}),
    ...(Object.keys(environment).length === 0 ? {} : {environment}),
    ...(resourceRequirements.length === 0 ? {} : {resourceRequirements}),
  }
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : []
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
  const overrides = containerOverridesOf(member(request, 'ContainerOverrides'))
  const share = member(request, 'ShareIdentifier')
  const priority = member(request, 'SchedulingPriorityOverride')
  return {
    type: 'batch.submitJob',
    jobQueue: {external: String(member(request, 'JobQueue') ?? '')},
    jobDefinition: {external: String(member(request, 'JobDefinition') ?? '')},
    jobName: String(member(request, 'JobName') ?? ''),
    ...(typeof size === 'number' ? {arraySize: size} : {}),
    ...(parameters === undefined ? {} : {parameters}),
    ...(typeof attempts === 'number' ? {retryAttempts: attempts} : {}),
    ...(overrides === undefined ? {} : {containerOverrides: overrides}),
    ...(typeof share === 'string' ? {shareIdentifier: share} : {}),
    ...(typeof priority === 'number' ? {schedulingPriority: priority} : {}),
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
