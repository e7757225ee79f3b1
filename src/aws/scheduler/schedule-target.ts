import type {GetScheduleOutput, Target} from '@aws-sdk/client-scheduler'

import type {InvocationTarget, ScheduleSpec} from '../../model/index.js'
import {invocationFromSubmitJob, parseObject, submitJobRequest, type ResolvedInvocation} from '../events/invocation.js'

/*
 * A schedule's target, both ways. A Batch job is submitted through the universal target
 * `arn:aws:scheduler:::aws-sdk:batch:submitJob`, whose Input is the SubmitJob request
 * (https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-targets-universal.html); a Step
 * Functions execution through the templated target, the state machine ARN, whose Input is the
 * execution input (https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-targets-templated.html).
 */

const SUBMIT_JOB = /^arn:[^:]+:scheduler:::aws-sdk:batch:submitJob$/
const START_EXECUTION = /^arn:[^:]+:scheduler:::aws-sdk:sfn:startExecution$/

/** The Scheduler Target of a desired schedule (links already resolved). */
export function scheduleTarget(spec: ScheduleSpec, invoke: ResolvedInvocation, partition: string): Target {
  const target: Target = {
    Arn: '',
    RoleArn: spec.roleArn,
    ...(spec.retryPolicy === undefined
      ? {}
      : {RetryPolicy: {MaximumEventAgeInSeconds: spec.retryPolicy.maximumEventAgeInSeconds, MaximumRetryAttempts: spec.retryPolicy.maximumRetryAttempts}}),
    ...(spec.deadLetterArn === undefined ? {} : {DeadLetterConfig: {Arn: spec.deadLetterArn}}),
  }
  if (invoke.type === 'batch.submitJob') {
    target.Arn = `arn:${partition}:scheduler:::aws-sdk:batch:submitJob`
    target.Input = JSON.stringify(submitJobRequest(invoke))
  } else {
    target.Arn = invoke.stateMachine
    if (invoke.input !== undefined) target.Input = invoke.input
  }
  return target
}

/** The InvocationTarget a Scheduler Target designates; ARNs become `{external}` links. */
export function invocationOf(target: Target | undefined): InvocationTarget {
  const arn = target?.Arn ?? ''
  const input = target?.Input
  if (SUBMIT_JOB.test(arn)) return invocationFromSubmitJob(parseObject(input) ?? {})
  if (START_EXECUTION.test(arn)) {
    const request = parseObject(input) ?? {}
    const machine = request.StateMachineArn ?? request.stateMachineArn
    const executionInput = request.Input ?? request.input
    return {
      type: 'sfn.startExecution',
      stateMachine: {external: typeof machine === 'string' ? machine : ''},
      ...(typeof executionInput === 'string' ? {input: executionInput} : {}),
    }
  }
  // A state machine ARN is the templated target. Any other target (Lambda, SQS, another API) has
  // no InvocationTarget of its own: it reads as a Step Functions target naming that ARN, which
  // differs from anything batch.yaml wants, so the plan shows it and the update replaces it.
  return {type: 'sfn.startExecution', stateMachine: {external: arn}, ...(input === undefined ? {} : {input})}
}

/** GetSchedule output → ScheduleSpec; the group becomes a link to the group's ARN. */
export function scheduleSpec(schedule: GetScheduleOutput, groupArn: string): ScheduleSpec {
  const window = schedule.FlexibleTimeWindow
  const target = schedule.Target
  const retry = target?.RetryPolicy
  return {
    group: {external: groupArn},
    scheduleExpression: schedule.ScheduleExpression ?? '',
    ...(schedule.ScheduleExpressionTimezone === undefined ? {} : {scheduleExpressionTimezone: schedule.ScheduleExpressionTimezone}),
    ...(schedule.State === undefined ? {} : {state: schedule.State as 'ENABLED' | 'DISABLED'}),
    ...(schedule.Description === undefined ? {} : {description: schedule.Description}),
    ...(window?.Mode === undefined
      ? {}
      : {flexibleTimeWindow: {mode: window.Mode, ...(window.MaximumWindowInMinutes === undefined ? {} : {maximumWindowInMinutes: window.MaximumWindowInMinutes})}}),
    ...(schedule.StartDate === undefined ? {} : {startDate: schedule.StartDate.toISOString()}),
    ...(schedule.EndDate === undefined ? {} : {endDate: schedule.EndDate.toISOString()}),
    roleArn: target?.RoleArn ?? '',
    target: invocationOf(target),
    ...(retry === undefined
      ? {}
      : {
          retryPolicy: {
            ...(retry.MaximumEventAgeInSeconds === undefined ? {} : {maximumEventAgeInSeconds: retry.MaximumEventAgeInSeconds}),
            ...(retry.MaximumRetryAttempts === undefined ? {} : {maximumRetryAttempts: retry.MaximumRetryAttempts}),
          },
        }),
    ...(target?.DeadLetterConfig?.Arn === undefined ? {} : {deadLetterArn: target.DeadLetterConfig.Arn}),
  }
}
