import type {Target} from '@aws-sdk/client-eventbridge'

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
 * - a Step Functions target's Input is `invoke.input` (read back there), not `input`.
 */

/** The EventBridge Target for one desired rule target (links already resolved). */
export function sdkTarget(spec: RuleTargetSpec, invoke: ResolvedInvocation): Target {
  const target: Target = {Id: spec.id, Arn: '', RoleArn: spec.roleArn}
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
  const spec: RuleTargetSpec = {
    id: target.Id ?? '',
    roleArn: target.RoleArn ?? '',
    invoke: {type: 'sfn.startExecution', stateMachine: {external: arn}},
    ...(transformer === undefined
      ? {}
      : {inputTransformer: {inputTemplate: transformer.InputTemplate ?? '', ...(transformer.InputPathsMap === undefined ? {} : {inputPathsMap: transformer.InputPathsMap})}}),
  }
  let input = target.Input
  if (JOB_QUEUE_ARN.test(arn)) {
    const batch = target.BatchParameters
    const body = transformer === undefined ? parseObject(input) : undefined
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
