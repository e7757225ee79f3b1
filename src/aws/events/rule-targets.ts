import type {Target} from '@aws-sdk/client-eventbridge'

import {BugError} from '../../errors.js'
import type {RuleTargetSpec} from '../../model/index.js'
import {JOB_QUEUE_ARN, STATE_MACHINE_ARN, parseObject, stringMap, type ResolvedInvocation} from './invocation.js'

/*
 * Rule targets, both ways. A Batch target is the job queue ARN with BatchParameters (job
 * definition, job name, array size, retry attempts); the job's parameters travel in the input,
 * which the Batch target reads `Parameters` from
 * (https://docs.aws.amazon.com/batch/latest/userguide/batch-cwe-target.html,
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_BatchParameters.html).
 * A Step Functions target is the state machine ARN; its input is the execution input.
 *
 * Conventions (the desired model must follow them, or the next plan shows a difference):
 * - a Batch target's static `invoke.parameters` are sent as Input `{"Parameters": {...}}` when the
 *   target has neither `input` nor `inputTransformer`, and such an Input reads back as
 *   `invoke.parameters`; parameters taken from the event belong in `inputTransformer`, with no
 *   `invoke.parameters` beside it;
 * - a Step Functions target's Input is `invoke.input` (read back there), not `input`;
 * - a Batch target carries no share identifier or scheduling priority: BatchParameters has no
 *   member for them, and the input is read only for `Parameters` and `ContainerOverrides`
 *   (batch-cwe-target.html, "Passing event information to an AWS Batch target"), so a rule cannot
 *   submit to a fair-share queue (validate refuses it, src/config/semantic/rule-targets.ts).
 *   Older batchctl versions wrote them into the input as its first members `ShareIdentifier` and
 *   `SchedulingPriorityOverride` (also at the start of an input template); reading still takes
 *   them out into `invoke.shareIdentifier` / `invoke.schedulingPriority`, so such a target plans
 *   an update that removes them, and the rewritten target reads back without them.
 */

/** The input members older versions wrote for fair-share settings, in the order they were written. */
const FAIR_SHARE_MEMBER = /^\{(?:"ShareIdentifier":("(?:[^"\\]|\\.)*")|"SchedulingPriorityOverride":(-?\d+)),?/

/** The EventBridge Target for one desired rule target (links already resolved). */
export function sdkTarget(spec: RuleTargetSpec, invoke: ResolvedInvocation): Target {
  const target: Target = {
    Id: spec.id,
    Arn: '',
    RoleArn: spec.roleArn,
    ...(spec.retryPolicy === undefined
      ? {}
      : {RetryPolicy: {MaximumEventAgeInSeconds: spec.retryPolicy.maximumEventAgeInSeconds, MaximumRetryAttempts: spec.retryPolicy.maximumRetryAttempts}}),
    ...(spec.deadLetterArn === undefined ? {} : {DeadLetterConfig: {Arn: spec.deadLetterArn}}),
  }
  let input = spec.input
  if (invoke.type === 'batch.submitJob') {
    target.Arn = invoke.jobQueue
    target.BatchParameters = {
      JobDefinition: invoke.jobDefinition,
      JobName: invoke.jobName,
      ...(invoke.arraySize === undefined ? {} : {ArrayProperties: {Size: invoke.arraySize}}),
      ...(invoke.retryAttempts === undefined ? {} : {RetryStrategy: {Attempts: invoke.retryAttempts}}),
    }
    if (input === undefined && spec.inputTransformer === undefined && invoke.parameters !== undefined) {
      input = JSON.stringify({Parameters: invoke.parameters})
    }
    if (invoke.shareIdentifier !== undefined || invoke.schedulingPriority !== undefined) {
      // The desired model never sets them on a rule (src/desired/invocation.ts): AWS would drop them.
      throw new BugError(`rule target "${spec.id}" carries a share identifier or scheduling priority, which a rule's Batch target cannot pass`)
    }
  } else {
    target.Arn = invoke.stateMachine
    input ??= invoke.input
  }
  if (spec.inputTransformer !== undefined) {
    target.InputTransformer = {
      InputTemplate: spec.inputTransformer.inputTemplate,
      ...(spec.inputTransformer.inputPathsMap === undefined ? {} : {InputPathsMap: spec.inputTransformer.inputPathsMap}),
    }
  } else if (input !== undefined) {
    target.Input = input
  }
  return target
}

/** A target as ListTargetsByRule returns it → RuleTargetSpec; ARNs become `{external}` links. */
export function ruleTargetSpec(target: Target): RuleTargetSpec {
  const arn = target.Arn ?? ''
  const transformer = target.InputTransformer
  const retry = target.RetryPolicy
  const spec: RuleTargetSpec = {
    id: target.Id ?? '',
    roleArn: target.RoleArn ?? '',
    ...(retry === undefined
      ? {}
      : {
          retryPolicy: {
            ...(retry.MaximumEventAgeInSeconds === undefined ? {} : {maximumEventAgeInSeconds: retry.MaximumEventAgeInSeconds}),
            ...(retry.MaximumRetryAttempts === undefined ? {} : {maximumRetryAttempts: retry.MaximumRetryAttempts}),
          },
        }),
    ...(target.DeadLetterConfig?.Arn === undefined ? {} : {deadLetterArn: target.DeadLetterConfig.Arn}),
    invoke: {type: 'sfn.startExecution', stateMachine: {external: arn}},
    ...(transformer === undefined
      ? {}
      : {inputTransformer: {inputTemplate: transformer.InputTemplate ?? '', ...(transformer.InputPathsMap === undefined ? {} : {inputPathsMap: transformer.InputPathsMap})}}),
  }
  let input = target.Input
  if (JOB_QUEUE_ARN.test(arn)) {
    const batch = target.BatchParameters
    const fairShare: {shareIdentifier?: string; schedulingPriority?: number} = {}
    if (spec.inputTransformer !== undefined) {
      let t = spec.inputTransformer.inputTemplate
      for (let m = FAIR_SHARE_MEMBER.exec(t); m !== null; m = FAIR_SHARE_MEMBER.exec(t)) {
        if (m[1] !== undefined) fairShare.shareIdentifier = JSON.parse(m[1]) as string
        if (m[2] !== undefined) fairShare.schedulingPriority = Number(m[2])
        t = `{${t.slice(m[0].length)}`
      }
      spec.inputTransformer.inputTemplate = t
    }
    let body = transformer === undefined ? parseObject(input) : undefined
    if (body !== undefined && ('ShareIdentifier' in body || 'SchedulingPriorityOverride' in body)) {
      const {ShareIdentifier: share, SchedulingPriorityOverride: priority, ...rest} = body
      if (typeof share === 'string') fairShare.shareIdentifier = share
      if (typeof priority === 'number') fairShare.schedulingPriority = priority
      body = rest
      input = Object.keys(rest).length === 0 ? undefined : JSON.stringify(rest)
    }
    const parameters = body !== undefined && Object.keys(body).length === 1 ? stringMap(body.Parameters) : undefined
    if (parameters !== undefined) input = undefined
    spec.invoke = {
      type: 'batch.submitJob',
      jobQueue: {external: arn},
      jobDefinition: {external: batch?.JobDefinition ?? ''},
      jobName: batch?.JobName ?? '',
      ...(batch?.ArrayProperties?.Size === undefined ? {} : {arraySize: batch.ArrayProperties.Size}),
      ...(parameters === undefined ? {} : {parameters}),
      ...(batch?.RetryStrategy?.Attempts === undefined ? {} : {retryAttempts: batch.RetryStrategy.Attempts}),
      ...fairShare,
    }
  } else if (STATE_MACHINE_ARN.test(arn) && input !== undefined) {
    spec.invoke = {type: 'sfn.startExecution', stateMachine: {external: arn}, input}
    input = undefined
  }
  // Any other target (Lambda, SQS, ...) has no InvocationTarget of its own: it reads as a Step
  // Functions target naming that ARN, which differs from anything batch.yaml wants, so the plan
  // shows the ARN and the update puts the wanted target in its place.
  if (input !== undefined) spec.input = input
  return spec
}
