import type {CreateScheduleInput, Target} from '@aws-sdk/client-scheduler'

import {isTimeZone} from '../events/next-fire.js'
import {parseScheduleExpression} from '../events/schedule-expression.js'
import {checkEnum, checkLength, checkPattern, checkRange, constraintError, requireString} from '../events/validate.js'
import {validation} from './errors.js'
import type {ScheduleRecord} from './state.js'

export const NAME_PATTERN = /^[0-9a-zA-Z-_.]+$/
export const NAME_SHOWN = '^[0-9a-zA-Z-_.]+$'

/** Retry defaults EventBridge Scheduler fills in when a target has no RetryPolicy. */
export const DEFAULT_RETRY_POLICY = {MaximumEventAgeInSeconds: 86_400, MaximumRetryAttempts: 185}

/** Universal targets: `arn:aws:scheduler:::aws-sdk:<service>:<apiAction>`. */
export const UNIVERSAL_TARGET = /^arn:aws[\w-]*:scheduler:::aws-sdk:([a-z0-9-]+):([a-zA-Z0-9]+)$/

/**
 * Universal targets cannot call read-only actions: those beginning with these prefixes
 * (https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-targets-universal.html,
 * "Unsupported actions"). Actions are camelCase, so a prefix is a whole leading word.
 */
const READ_ONLY_PREFIXES = [
  'get', 'describe', 'list', 'poll', 'receive', 'search', 'scan', 'query', 'select', 'read', 'lookup', 'discover',
  'validate', 'batchGet', 'batchDescribe', 'batchRead', 'transactGet', 'adminGet', 'adminList', 'testMigration',
  'retrieve', 'testConnection', 'translateDocument', 'isAuthorized', 'isAuthorizedWithToken', 'invokeModel',
]

export function isReadOnlyAction(action: string): boolean {
  return READ_ONLY_PREFIXES.some((prefix) => action.startsWith(prefix) && !/^[a-z]/.test(action.slice(prefix.length)))
}

export function checkName(value: unknown, member: string): string {
  const name = requireString(value, member)
  checkLength(name, member, 1, 64)
  checkPattern(name, member, NAME_PATTERN, NAME_SHOWN)
  return name
}

/** SDK timestamps arrive as epoch seconds; records keep epoch ms. */
const toMs = (seconds: unknown): number | undefined => (typeof seconds === 'number' ? Math.round(seconds * 1000) : undefined)

/**
 * Services with templated targets: "a complete list of all templated targets"
 * (https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-targets-templated.html): CodeBuild,
 * CodePipeline, ECS, EventBridge, Inspector, Kinesis, Firehose, Lambda, SageMaker, SNS, SQS, Step
 * Functions. Anything else (a Batch job queue, say) needs a universal target.
 */
const TEMPLATED_SERVICES = new Set(['codebuild', 'codepipeline', 'ecs', 'events', 'inspector', 'kinesis', 'firehose', 'lambda', 'sagemaker', 'sns', 'sqs', 'states'])

/** Templated targets whose Input must be JSON: Lambda functions, state machines, event buses. */
const JSON_TEMPLATED_TARGET = /^arn:aws[\w-]*:(lambda:[^:]*:\d{12}:function:|states:[^:]*:\d{12}:stateMachine:|events:[^:]*:\d{12}:event-bus\/)/

function isJson(text: string): boolean {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

function checkTarget(target: Target | undefined): Target {
  if (!target || typeof target !== 'object') throw constraintError(target, 'target', 'not be null')
  const arn = requireString(target.Arn, 'target.arn')
  checkLength(arn, 'target.arn', 1, 1600)
  const role = requireString(target.RoleArn, 'target.roleArn')
  checkLength(role, 'target.roleArn', 1, 1600)
  checkPattern(role, 'target.roleArn', /^arn:aws(-[a-z]+)?:iam::\d{12}:role\/[\w+=,.@/-]+$/, '^arn:aws(-[a-z]+)?:iam::\\d{12}:role\\/[\\w+=,.@\\/-]+$')
  checkLength(target.Input, 'target.input', 1, 8192)
  if (target.RetryPolicy) {
    checkRange(target.RetryPolicy.MaximumEventAgeInSeconds, 'target.retryPolicy.maximumEventAgeInSeconds', 60, 86_400)
    checkRange(target.RetryPolicy.MaximumRetryAttempts, 'target.retryPolicy.maximumRetryAttempts', 0, 185)
  }
  const dlq = target.DeadLetterConfig?.Arn
  checkPattern(dlq, 'target.deadLetterConfig.arn', /^arn:aws(-[a-z]+)?:sqs:[a-z0-9-]+:\d{12}:[a-zA-Z0-9_-]+$/, '^arn:aws(-[a-z]+)?:sqs:[a-z0-9\\-]+:\\d{12}:[a-zA-Z0-9\\-_]+$')
  if (!arn.startsWith('arn:')) throw validation(`Invalid target ARN ${arn}.`)
  const universal = UNIVERSAL_TARGET.exec(arn)
  if (arn.includes(':scheduler:::') && !universal) throw validation(`Invalid RequestJson provided for universal target ${arn}.`)
  const service = /^arn:aws[\w-]*:([\w-]+):/.exec(arn)?.[1] ?? ''
  if (!universal && !TEMPLATED_SERVICES.has(service)) throw validation(`${service} is not a supported service for a target.`)
  if (universal && isReadOnlyAction(universal[2]!)) {
    throw validation(`Invalid target ARN ${arn}: EventBridge Scheduler does not support read-only API actions (${universal[2]}) as universal targets.`)
  }
  if (universal) {
    // A universal target's Input is the API request, so it must be JSON.
    try {
      const body: unknown = JSON.parse(target.Input ?? '')
      if (!body || typeof body !== 'object' || Array.isArray(body)) throw new Error('not an object')
    } catch {
      throw validation(`Invalid RequestJson provided. Reason: the Input of universal target ${arn} must be a JSON object.`)
    }
  }
  // AWS: https://docs.aws.amazon.com/scheduler/latest/APIReference/API_Target.html (Input: "If you are
  // configuring a templated Lambda, AWS Step Functions, or Amazon EventBridge target, the input must
  // be a well-formed JSON. For all other target types, a JSON is not required.")
  if (target.Input !== undefined && JSON_TEMPLATED_TARGET.test(arn) && !isJson(target.Input)) {
    throw validation(`Invalid Input provided for target ${arn}. Reason: the input of a Lambda, Step Functions or EventBridge target must be well-formed JSON.`)
  }
  return {...structuredClone(target), RetryPolicy: {...DEFAULT_RETRY_POLICY, ...target.RetryPolicy}}
}

/**
 * Validates a Create/UpdateSchedule request and returns the schedule's fields with AWS's
 * defaults (time zone UTC, state ENABLED, no action after completion, default retry policy).
 */
export function scheduleFields(
  input: CreateScheduleInput,
  now: number,
): Omit<ScheduleRecord, 'Name' | 'GroupName' | 'Arn' | 'CreationDate' | 'LastModificationDate'> {
  const expression = requireString(input.ScheduleExpression, 'scheduleExpression')
  checkLength(expression, 'scheduleExpression', 1, 256)
  const parsed = parseScheduleExpression(expression, 'scheduler')
  if (!parsed) throw validation(`Invalid Schedule Expression ${expression}`)
  const zone = input.ScheduleExpressionTimezone
  checkLength(zone, 'scheduleExpressionTimezone', 1, 50)
  if (zone !== undefined && !isTimeZone(zone)) throw validation(`Invalid ScheduleExpressionTimezone ${zone}.`)
  checkLength(input.Description, 'description', 0, 512)
  checkLength(input.KmsKeyArn, 'kmsKeyArn', 1, 2048)
  checkEnum(input.State, 'state', ['ENABLED', 'DISABLED'])
  checkEnum(input.ActionAfterCompletion, 'actionAfterCompletion', ['NONE', 'DELETE'])

  const window = input.FlexibleTimeWindow
  if (!window) throw constraintError(undefined, 'flexibleTimeWindow', 'not be null')
  checkEnum(requireString(window.Mode, 'flexibleTimeWindow.mode'), 'flexibleTimeWindow.mode', ['OFF', 'FLEXIBLE'])
  checkRange(window.MaximumWindowInMinutes, 'flexibleTimeWindow.maximumWindowInMinutes', 1, 1440)
  if (window.Mode === 'FLEXIBLE' && window.MaximumWindowInMinutes === undefined) {
    throw validation('MaximumWindowInMinutes must be provided when FlexibleTimeWindow Mode is FLEXIBLE.')
  }
  if (window.Mode === 'OFF' && window.MaximumWindowInMinutes !== undefined) {
    throw validation('MaximumWindowInMinutes is only allowed when FlexibleTimeWindow Mode is FLEXIBLE.')
  }

  const start = toMs(input.StartDate)
  const end = toMs(input.EndDate)
  const fiveMinutesAgo = now - 5 * 60_000
  // One-time schedules ignore StartDate and EndDate.
  const recurring = parsed.kind !== 'at'
  if (recurring && start !== undefined && start < fiveMinutesAgo) throw validation('The StartDate you specify cannot be earlier than 5 minutes ago.')
  if (recurring && end !== undefined && end < fiveMinutesAgo) throw validation('The EndDate you specify cannot be earlier than 5 minutes ago.')
  if (recurring && start !== undefined && end !== undefined && end <= start) throw validation('The EndDate you specify must be after the StartDate.')

  return {
    ScheduleExpression: expression,
    ScheduleExpressionTimezone: zone ?? 'UTC',
    StartDate: start,
    EndDate: end,
    Description: input.Description,
    State: (input.State as 'ENABLED' | 'DISABLED' | undefined) ?? 'ENABLED',
    KmsKeyArn: input.KmsKeyArn,
    Target: checkTarget(input.Target),
    FlexibleTimeWindow: {...window},
    ActionAfterCompletion: (input.ActionAfterCompletion as 'NONE' | 'DELETE' | undefined) ?? 'NONE',
  }
}
