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
      /**
       * SubmitJob `containerOverrides` (Scheduler targets; a rule's Batch target reads its
       * overrides from the target input instead, see `RuleTargetSpec.input`).
       */
      containerOverrides?: SubmitContainerOverrides
      /** Fair-share identifier; AWS Batch requires one on queues with a scheduling policy. */
      shareIdentifier?: string
      /** SubmitJob `schedulingPriorityOverride` (fair-share queues). */
      schedulingPriority?: number
    }
  | {type: 'sfn.startExecution'; stateMachine: Link; input?: string}

/** Container overrides of a submitted job, as SubmitJob takes them (environment as a map). */
export interface SubmitContainerOverrides {
  command?: string[]
  environment?: Record<string, string>
  resourceRequirements?: Array<{type: 'VCPU' | 'MEMORY' | 'GPU'; value: string}>
}

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
  /** Retries of failed deliveries (PutTargets `RetryPolicy`; AWS defaults: 24 h, 185 attempts). */
  retryPolicy?: {maximumEventAgeInSeconds?: number; maximumRetryAttempts?: number}
  /** SQS queue ARN for events that could not be delivered (PutTargets `DeadLetterConfig`). */
  deadLetterArn?: string
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
