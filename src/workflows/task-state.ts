import type {WorkflowStep} from '../config/types.generated.js'
import {StepError} from './step-error.js'
import type {AslCatcher, AslState, CompileOptions} from './asl-types.js'
import {stepParameters} from './step-parameters.js'

/** Step Functions' optimised Batch integration that waits for the job to finish. */
export const SUBMIT_JOB_SYNC = 'arn:aws:states:::batch:submitJob.sync'

/**
 * Where a step's result goes in the state data. Step names are `[A-Za-z0-9][A-Za-z0-9_-]*`
 * (batch.yaml schema), which dot notation takes as they are; anything else gets brackets.
 */
export function resultPath(step: string): string {
  return /^[A-Za-z0-9_-]+$/.test(step) ? `$.steps.${step}` : `$.steps['${step.replace(/'/g, "\\'")}']`
}

/** Batch job names: up to 128 letters, numbers, hyphens and underscores (SubmitJob jobName). */
export function jobName(prefix: string, step: string): string {
  return `${prefix}-${step}`.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 128)
}

/**
 * A step as a `.sync` Batch task. The result is cut down to the job's id, name and status
 * (the full DescribeJobs output could exceed the 256 KiB state data limit with array jobs) and
 * stored under `$.steps.<step>`, keeping what earlier steps stored.
 */
export function taskState(
  step: WorkflowStep,
  options: CompileOptions,
  earlier: ReadonlySet<string> | undefined,
  catchers: AslCatcher[],
  next: string | undefined,
): AslState {
  const queue = step.queue ?? options.defaultQueue
  if (queue === undefined) {
    throw new StepError(step.name, `Step "${step.name}" names no job queue and there is no \`defaults.queue\`.`, {
      code: 'workflow-queue',
      hints: [`add \`queue: <jobQueues key>\` to step "${step.name}" or set \`defaults.queue\``],
    })
  }
  const shareIdentifier = step.shareIdentifier ?? options.defaultShareIdentifier
  const parameters = stepParameters(step.name, step.parameters, earlier)
  const state: AslState = {
    Type: 'Task',
    Resource: SUBMIT_JOB_SYNC,
    Parameters: {
      JobName: jobName(options.jobNamePrefix, step.name),
      JobQueue: options.jobQueue(queue),
      JobDefinition: options.jobDefinition(step.job),
      ...(step.arraySize === undefined ? {} : {ArrayProperties: {Size: step.arraySize}}),
      ...(parameters === undefined ? {} : {Parameters: parameters}),
      ...(shareIdentifier === undefined ? {} : {ShareIdentifier: shareIdentifier}),
      ...(step.schedulingPriority === undefined ? {} : {SchedulingPriorityOverride: step.schedulingPriority}),
    },
    ResultSelector: {'JobId.$': '$.JobId', 'JobName.$': '$.JobName', 'Status.$': '$.Status'},
    ResultPath: resultPath(step.name),
  }
  if (step.retry) {
    state.Retry = [
      {
        // Default States.TaskFailed: a `.sync` Batch task fails with it when the job fails
        // (https://docs.aws.amazon.com/step-functions/latest/dg/connect-batch.html). States.ALL
        // would also retry States.Runtime and permission errors, which another attempt cannot fix;
        // users who want that list it in `errors`.
        ErrorEquals: step.retry.errors ?? ['States.TaskFailed'],
        ...(step.retry.intervalSeconds === undefined ? {} : {IntervalSeconds: step.retry.intervalSeconds}),
        ...(step.retry.attempts === undefined ? {} : {MaxAttempts: step.retry.attempts}),
        ...(step.retry.backoffRate === undefined ? {} : {BackoffRate: step.retry.backoffRate}),
      },
    ]
  }
  if (catchers.length > 0) state.Catch = catchers
  if (next === undefined) state.End = true
  else state.Next = next
  return state
}
