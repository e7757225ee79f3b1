import type {StartTarget, SubmitTarget} from '../config/types.generated.js'
import {UserError} from '../errors.js'
import type {EventRuleSpec, InvocationTarget, Resource, RuleTargetSpec, SubmitContainerOverrides} from '../model/index.js'
import {compact, type DesiredContext, nameOf, ref, stringMap} from './context.js'

/** The id of the one target batchctl puts on each rule (stable, so updates replace it in place). */
export const RULE_TARGET_ID = 'batchctl'

/**
 * A `submit:` block as a Batch SubmitJob target. The job definition link is unversioned: a
 * schedule or rule then always submits the latest ACTIVE revision, so registering a new
 * revision never breaks it. `parameters` holds the literal job parameters; `shareIdentifier`
 * falls back to `defaults.shareIdentifier` as in workflows (validate checks the queue wants one).
 * `overrides` become `containerOverrides` here; rules carry them in their input instead
 * (`ruleTarget` removes them from the invocation, and the share identifier and scheduling
 * priority too: a rule cannot pass them to Batch).
 */
export function submitInvocation(ctx: DesiredContext, submit: SubmitTarget, where: string): Extract<InvocationTarget, {type: 'batch.submitJob'}> {
  const queue = submit.queue ?? ctx.config.defaults?.queue
  if (queue === undefined) {
    throw new UserError(`${where} submits job "${submit.job}" but names no queue and there is no \`defaults.queue\`.`, {
      code: 'missing-queue',
      hints: ['add `queue: <jobQueues key>` to the `submit` block or set `defaults.queue`'],
    })
  }
  const parameters = stringMap(submit.parameters)
  const overrides = containerOverrides(submit.overrides)
  const shareIdentifier = submit.shareIdentifier ?? ctx.config.defaults?.shareIdentifier
  return {
    type: 'batch.submitJob',
    jobQueue: ref('batch.jobQueue', queue),
    jobDefinition: ref('batch.jobDefinition', submit.job),
    // batch.yaml documents the default job name as the job definition's physical name.
    jobName: submit.name ?? nameOf(ctx, submit.job),
    ...(submit.arraySize === undefined ? {} : {arraySize: submit.arraySize}),
    ...(parameters === undefined || Object.keys(parameters).length === 0 ? {} : {parameters}),
    ...(overrides === undefined ? {} : {containerOverrides: overrides}),
    ...(shareIdentifier === undefined ? {} : {shareIdentifier}),
    ...(submit.schedulingPriority === undefined ? {} : {schedulingPriority: submit.schedulingPriority}),
  }
}

/** A `submit.overrides` block as SubmitJob container overrides, or undefined when it sets nothing. */
export function containerOverrides(o: SubmitTarget['overrides']): SubmitContainerOverrides | undefined {
  if (o === undefined) return undefined
  const resourceRequirements = [
    ...(o.gpus === undefined ? [] : [{type: 'GPU' as const, value: String(o.gpus)}]),
    ...(o.memory === undefined ? [] : [{type: 'MEMORY' as const, value: String(o.memory)}]),
    ...(o.vcpus === undefined ? [] : [{type: 'VCPU' as const, value: String(o.vcpus)}]),
  ]
  const environment = stringMap(o.environment)
  const out: SubmitContainerOverrides = {
    ...(o.command === undefined ? {} : {command: o.command}),
    ...(environment === undefined || Object.keys(environment).length === 0 ? {} : {environment}),
    ...(resourceRequirements.length === 0 ? {} : {resourceRequirements}),
  }
  return Object.keys(out).length === 0 ? undefined : out
}

/** A `start:` block as a Step Functions StartExecution target with its input as JSON text. */
export function startInvocation(start: StartTarget): Extract<InvocationTarget, {type: 'sfn.startExecution'}> {
  return {
    type: 'sfn.startExecution',
    stateMachine: ref('sfn.stateMachine', start.workflow),
    ...(start.input === undefined ? {} : {input: JSON.stringify(start.input)}),
  }
}

/** The role a schedule, rule or trigger assumes, or a UserError naming what to set. */
export function requireRole(role: string | undefined, where: string, defaultsField: 'scheduleRole' | 'triggerRole'): string {
  if (role !== undefined) return role
  throw new UserError(`${where} has no role for EventBridge to assume, and \`defaults.${defaultsField}\` is not set.`, {
    code: 'missing-role',
    hints: [`add \`role: arn:aws:iam::<account>:role/<name>\` to it or set \`defaults.${defaultsField}\``],
  })
}

const PLACEHOLDER = /"@@batchctl-path:([A-Za-z0-9]+)@@"/g

/**
 * The input an EventBridge rule sends to its target. A Batch target reads the job's
 * `Parameters` and `ContainerOverrides` from the (transformed) input
 * (https://docs.aws.amazon.com/batch/latest/userguide/batch-cwe-target.html, "Passing event
 * information to an AWS Batch target using the EventBridge input transformer"); a Step
 * Functions target gets the input as the execution input. String values starting with `$`
 * are JSONPaths into the event: they become an InputTransformer whose InputPathsMap keys are
 * the parameter names reduced to letters and digits (the only characters AWS allows there)
 * and whose template puts each value in place, unquoted as in the AWS example, so the
 * event's value is inserted as JSON.
 */
export function ruleInput(body: unknown): Pick<RuleTargetSpec, 'input' | 'inputTransformer'> {
  if (body === undefined) return {}
  const paths: Record<string, string> = {}
  const used = new Set<string>()
  const replace = (value: unknown, name: string): unknown => {
    if (typeof value === 'string' && value.startsWith('$')) {
      let base = name.replace(/[^A-Za-z0-9]/g, '') || 'value'
      if (/^aws/i.test(base)) base = `p${base}` // keys may not start with "AWS."
      let key = base
      for (let n = 2; used.has(key); n++) key = `${base}${n}`
      used.add(key)
      paths[key] = value
      return `@@batchctl-path:${key}@@`
    }
    if (Array.isArray(value)) return value.map((item, i) => replace(item, `${name}${i}`))
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replace(v, k)]))
    }
    return value
  }
  const template = JSON.stringify(replace(body, 'value'))
  if (Object.keys(paths).length === 0) return {input: template}
  return {inputTransformer: {inputPathsMap: paths, inputTemplate: template.replace(PLACEHOLDER, '<$1>')}}
}

/** The input body of a rule's Batch target: job parameters and container overrides, or undefined when there are none. */
export function batchRuleBody(submit: SubmitTarget): Record<string, unknown> | undefined {
  const body: Record<string, unknown> = {}
  const parameters = stringMap(submit.parameters)
  if (parameters && Object.keys(parameters).length > 0) body.Parameters = parameters
  const o = submit.overrides
  if (o) {
    const requirements = [
      ...(o.vcpus === undefined ? [] : [{Type: 'VCPU', Value: String(o.vcpus)}]),
      ...(o.memory === undefined ? [] : [{Type: 'MEMORY', Value: String(o.memory)}]),
      ...(o.gpus === undefined ? [] : [{Type: 'GPU', Value: String(o.gpus)}]),
    ]
    const environment = stringMap(o.environment)
    const overrides = {
      ...(o.command === undefined ? {} : {Command: o.command}),
      ...(environment === undefined ? {} : {Environment: Object.keys(environment).sort().map((Name) => ({Name, Value: environment[Name]!}))}),
      ...(requirements.length === 0 ? {} : {ResourceRequirements: requirements}),
    }
    if (Object.keys(overrides).length > 0) body.ContainerOverrides = overrides
  }
  return Object.keys(body).length === 0 ? undefined : body
}

/**
 * The one target of a rule that submits a job or starts a workflow, following the events
 * adapter's conventions (src/aws/events/rule-targets.ts) so a rule reads back as it was
 * built: static job parameters alone stay in `invoke.parameters` (sent as `{"Parameters":
 * ...}`), static input with container overrides is the target `input`, and anything read
 * from the event is an `inputTransformer` beside an invocation without parameters or input;
 * a workflow's static input is `invoke.input`.
 */
export function ruleTarget(ctx: DesiredContext, entry: RuleEntry, roleArn: string, where: string): RuleTargetSpec {
  const retry = entry.retryPolicy
  const delivery: Pick<RuleTargetSpec, 'retryPolicy' | 'deadLetterArn'> = {
    ...(retry === undefined
      ? {}
      : {
          retryPolicy: {
            ...(retry.maximumEventAgeSeconds === undefined ? {} : {maximumEventAgeInSeconds: retry.maximumEventAgeSeconds}),
            ...(retry.maximumRetryAttempts === undefined ? {} : {maximumRetryAttempts: retry.maximumRetryAttempts}),
          },
        }),
    ...(entry.deadLetterQueue === undefined ? {} : {deadLetterArn: entry.deadLetterQueue}),
  }
  return {...invocationTarget(ctx, entry, roleArn, where), ...delivery}
}

/**
 * A trigger or a `mode: rule` schedule as its `events.rule`: what fires it (`source`: a bus and
 * event pattern, or a schedule expression), its state, and its one target, under the entry's
 * role or the default named by `roleField`.
 */
export function eventRule(
  ctx: DesiredContext,
  key: string,
  entry: RuleEntry & {role?: string; enabled?: boolean; description?: string},
  source: Pick<EventRuleSpec, 'eventBusName' | 'eventPattern' | 'scheduleExpression'>,
  where: string,
  roleField: 'scheduleRole' | 'triggerRole',
): Resource<'events.rule'> {
  const role = requireRole(entry.role ?? ctx.config.defaults?.[roleField], where, roleField)
  const spec: EventRuleSpec = compact({
    ...source,
    state: entry.enabled === false ? ('DISABLED' as const) : ('ENABLED' as const),
    description: entry.description,
    targets: [ruleTarget(ctx, entry, role, where)],
  })
  return {
    kind: 'events.rule',
    logicalName: key,
    physicalName: nameOf(ctx, key),
    service: 'events',
    spec,
    dependsOn: [],
    tags: stringMap(ctx.config.tags) ?? {},
  }
}

/** What a trigger or a `mode: rule` schedule gives its rule target. */
export interface RuleEntry {
  submit?: SubmitTarget
  start?: StartTarget
  retryPolicy?: {maximumEventAgeSeconds?: number; maximumRetryAttempts?: number}
  /** SQS queue ARN. */
  deadLetterQueue?: string
}

function invocationTarget(ctx: DesiredContext, entry: RuleEntry, roleArn: string, where: string): RuleTargetSpec {
  if (entry.submit) {
    // A rule's Batch target has no BatchParameters member for overrides: they travel in the input.
    // Nor for a share identifier or scheduling priority, and the input carries only Parameters and
    // ContainerOverrides to Batch (https://docs.aws.amazon.com/batch/latest/userguide/batch-cwe-target.html),
    // so they are left out (also `defaults.shareIdentifier`); validate refuses a rule that needs them.
    const {containerOverrides: _inInput, shareIdentifier: _noShare, schedulingPriority: _noPriority, ...invoke} = submitInvocation(ctx, entry.submit, where)
    const body = batchRuleBody(entry.submit)
    const input = ruleInput(body)
    if (input.inputTransformer === undefined && body !== undefined && Object.keys(body).length === 1 && body.Parameters !== undefined) {
      return {id: RULE_TARGET_ID, roleArn, invoke}
    }
    return {id: RULE_TARGET_ID, roleArn, invoke: withoutParameters(invoke), ...input}
  }
  if (entry.start) {
    const invoke = startInvocation(entry.start)
    const input = ruleInput(entry.start.input)
    if (input.inputTransformer === undefined) return {id: RULE_TARGET_ID, roleArn, invoke}
    const {input: _static, ...withoutInput} = invoke
    return {id: RULE_TARGET_ID, roleArn, invoke: withoutInput, inputTransformer: input.inputTransformer}
  }
  throw new UserError(`${where} has neither \`submit\` nor \`start\`.`, {code: 'missing-target', hints: ['add `submit: {job: ...}` or `start: {workflow: ...}`']})
}

/** Parameters read from the event travel in the input transformer, so the invocation carries none. */
function withoutParameters(
  target: Omit<Extract<InvocationTarget, {type: 'batch.submitJob'}>, 'containerOverrides' | 'shareIdentifier' | 'schedulingPriority'>,
): InvocationTarget {
  const {parameters: _parameters, ...rest} = target
  return rest
}
