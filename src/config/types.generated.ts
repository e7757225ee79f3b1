/* eslint-disable */
/**
 * GENERATED from schema/batch.schema.json by scripts/gen-types.mjs — do not edit.
 * Run `node scripts/gen-types.mjs` after changing the schema.
 */

/**
 * batch.yaml: a declarative description of an AWS Batch estate for batchctl.
 */
export interface BatchConfig {
  /**
   * Editor hint pointing at this schema; ignored by batchctl.
   */
  $schema?: string
  /**
   * Project name. Used in the ownership tag on every resource batchctl creates and as the prefix of physical AWS names (`<project>-<env>-<key>`).
   */
  project: string
  /**
   * AWS region to deploy to (overridden by `--region`).
   */
  region?: string
  tags?: Tags
  defaults?: Defaults
  /**
   * Container images batchctl builds and pushes to ECR, by key. Job definitions refer to them by key.
   */
  images?: {
    [k: string]: Image | undefined
  }
  /**
   * AWS Batch compute environments, by key.
   */
  computeEnvironments?: {
    [k: string]: ComputeEnvironment | undefined
  }
  /**
   * AWS Batch job queues, by key.
   */
  jobQueues?: {
    [k: string]: JobQueue | undefined
  }
  /**
   * AWS Batch fair-share scheduling policies, by key.
   */
  schedulingPolicies?: {
    [k: string]: SchedulingPolicy | undefined
  }
  /**
   * AWS Batch job definitions, by key.
   */
  jobDefinitions?: {
    [k: string]: JobDefinition | undefined
  }
  /**
   * Time-based starts of jobs or workflows (EventBridge Scheduler, or classic EventBridge rules), by key.
   */
  schedules?: {
    [k: string]: Schedule | undefined
  }
  /**
   * Event-based starts of jobs or workflows (EventBridge rules), by key.
   */
  triggers?: {
    [k: string]: Trigger | undefined
  }
  /**
   * Step Functions state machines, by key: a list of steps or a hand-written ASL file.
   */
  workflows?: {
    [k: string]: Workflow | undefined
  }
  /**
   * Named environments selected with `--env`; each holds partial overrides of the top-level sections.
   */
  environments?: {
    [k: string]: EnvironmentOverrides | undefined
  }
}
/**
 * Tags added to every resource batchctl creates (besides its ownership tags).
 */
export interface Tags {
  [k: string]: string | undefined
}
/**
 * Values used when an entry does not set its own.
 */
export interface Defaults {
  /**
   * Job queue key used by schedules, triggers and workflow steps that name no queue.
   */
  queue?: string
}
/**
 * Image
 *
 * This interface was referenced by `BatchConfig`'s JSON-Schema
 * via the `definition` "Image".
 */
export interface Image {}
/**
 * ComputeEnvironment
 *
 * This interface was referenced by `BatchConfig`'s JSON-Schema
 * via the `definition` "ComputeEnvironment".
 */
export interface ComputeEnvironment {}
/**
 * JobQueue
 *
 * This interface was referenced by `BatchConfig`'s JSON-Schema
 * via the `definition` "JobQueue".
 */
export interface JobQueue {}
/**
 * SchedulingPolicy
 *
 * This interface was referenced by `BatchConfig`'s JSON-Schema
 * via the `definition` "SchedulingPolicy".
 */
export interface SchedulingPolicy {}
/**
 * JobDefinition
 *
 * This interface was referenced by `BatchConfig`'s JSON-Schema
 * via the `definition` "JobDefinition".
 */
export interface JobDefinition {}
/**
 * Schedule
 *
 * This interface was referenced by `BatchConfig`'s JSON-Schema
 * via the `definition` "Schedule".
 */
export interface Schedule {}
/**
 * Trigger
 *
 * This interface was referenced by `BatchConfig`'s JSON-Schema
 * via the `definition` "Trigger".
 */
export interface Trigger {}
/**
 * Workflow
 *
 * This interface was referenced by `BatchConfig`'s JSON-Schema
 * via the `definition` "Workflow".
 */
export interface Workflow {}
/**
 * Partial overrides of the top-level sections for one environment; entries are merged key by key over the base file.
 *
 * This interface was referenced by `BatchConfig`'s JSON-Schema
 * via the `definition` "EnvironmentOverrides".
 */
export interface EnvironmentOverrides {
  /**
   * AWS region to deploy to (overridden by `--region`).
   */
  region?: string
  tags?: Tags1
  defaults?: Defaults1
  /**
   * Container images batchctl builds and pushes to ECR, by key. Job definitions refer to them by key.
   */
  images?: {
    [k: string]: Image | undefined
  }
  /**
   * AWS Batch compute environments, by key.
   */
  computeEnvironments?: {
    [k: string]: ComputeEnvironment | undefined
  }
  /**
   * AWS Batch job queues, by key.
   */
  jobQueues?: {
    [k: string]: JobQueue | undefined
  }
  /**
   * AWS Batch fair-share scheduling policies, by key.
   */
  schedulingPolicies?: {
    [k: string]: SchedulingPolicy | undefined
  }
  /**
   * AWS Batch job definitions, by key.
   */
  jobDefinitions?: {
    [k: string]: JobDefinition | undefined
  }
  /**
   * Time-based starts of jobs or workflows (EventBridge Scheduler, or classic EventBridge rules), by key.
   */
  schedules?: {
    [k: string]: Schedule | undefined
  }
  /**
   * Event-based starts of jobs or workflows (EventBridge rules), by key.
   */
  triggers?: {
    [k: string]: Trigger | undefined
  }
  /**
   * Step Functions state machines, by key: a list of steps or a hand-written ASL file.
   */
  workflows?: {
    [k: string]: Workflow | undefined
  }
}
/**
 * Tags added to every resource batchctl creates (besides its ownership tags).
 */
export interface Tags1 {
  [k: string]: string | undefined
}
/**
 * Values used when an entry does not set its own.
 */
export interface Defaults1 {
  /**
   * Job queue key used by schedules, triggers and workflow steps that name no queue.
   */
  queue?: string
}
/**
 * AWS tags: key → value.
 *
 * This interface was referenced by `BatchConfig`'s JSON-Schema
 * via the `definition` "Tags".
 */
export interface Tags2 {
  [k: string]: string | undefined
}
/**
 * Values used when an entry does not set its own.
 *
 * This interface was referenced by `BatchConfig`'s JSON-Schema
 * via the `definition` "Defaults".
 */
export interface Defaults2 {
  /**
   * Job queue key used by schedules, triggers and workflow steps that name no queue.
   */
  queue?: string
}
