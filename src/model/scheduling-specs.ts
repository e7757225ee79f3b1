import type {Link} from './link.js'

/** What a schedule or a rule starts: a Batch job or a Step Functions execution. */
export type InvocationTarget =
  | {
      type: 'batch.submitJob'
      jobQueue: Link
      jobDefinition: Link
      jobName: string
      arraySize?: number
      /** Job parameters (`Ref::name` in the job definition). */
      parameters?: Record<string, string>
      retryAttempts?: number
    }
  | {type: 'sfn.startExecution'; stateMachine: Link; input?: string}

/** scheduler.scheduleGroup: only a name and tags (schedules themselves cannot be tagged). */
export type ScheduleGroupSpec = Record<string, never>

/** scheduler.schedule (EventBridge Scheduler). */
export interface ScheduleSpec {
  /** The schedule group; a schedule's identity is group + name. */
  group: Link
  scheduleExpression: string
  scheduleExpressionTimezone?: string
  state?: 'ENABLED' | 'DISABLED'
  description?: string
  flexibleTimeWindow?: {mode: 'OFF' | 'FLEXIBLE'; maximumWindowInMinutes?: number}
  startDate?: string
  endDate?: string
  /** The role EventBridge Scheduler assumes to call the target. */
  roleArn: string
  target: InvocationTarget
  retryPolicy?: {maximumEventAgeInSeconds?: number; maximumRetryAttempts?: number}
  deadLetterArn?: string
}

/** One target of an EventBridge rule. */
export interface RuleTargetSpec {
  /** Target id, unique within the rule. */
  id: string
  roleArn: string
  invoke: InvocationTarget
  /** Static input, a JSON text. */
  input?: string
  inputTransformer?: {inputPathsMap?: Record<string, string>; inputTemplate: string}
}

/** events.rule (EventBridge) with its targets. */
export interface EventRuleSpec {
  eventBusName?: string
  /** The event pattern as a parsed JSON object (AWS returns a JSON text; normalisation parses it). */
  eventPattern?: unknown
  scheduleExpression?: string
  state?: 'ENABLED' | 'DISABLED'
  description?: string
  targets: RuleTargetSpec[]
}
