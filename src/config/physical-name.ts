/**
 * Physical AWS names of the resources batchctl creates.
 *
 * A batch.yaml key becomes `<project>-<key>`, or `<project>-<env>-<key>` when an environment is
 * selected with `--env`; e.g. project `genomics`, env `prod`, queue key `default` →
 * `genomics-prod-default`. The project prefix keeps projects apart in one account and the
 * environment part keeps `dev` and `prod` of one project apart. The same name is used for every
 * kind of resource; the ownership tags (not the name) decide what batchctl may change.
 */
export function physicalName(project: string, env: string | undefined, key: string): string {
  return env === undefined || env === '' ? `${project}-${key}` : `${project}-${env}-${key}`
}

/** The kinds of named resources batch.yaml sections become. */
export type ResourceKind =
  | 'computeEnvironment'
  | 'jobQueue'
  | 'schedulingPolicy'
  | 'jobDefinition'
  | 'schedule'
  | 'rule'
  | 'stateMachine'
  | 'repository'

/** AWS's limits on a resource name: maximum length and allowed characters. */
export interface NameRule {
  maxLength: number
  pattern: RegExp
  /** The characters allowed, in words, for messages. */
  allowed: string
  /** The AWS API that enforces the rule (for readers checking it). */
  source: string
}

/** Name rules from the AWS API references of each Create* call. */
export const nameRules: Record<ResourceKind, NameRule> = {
  computeEnvironment: {maxLength: 128, pattern: /^[A-Za-z0-9_-]+$/, allowed: 'letters, numbers, hyphens and underscores', source: 'Batch CreateComputeEnvironment'},
  jobQueue: {maxLength: 128, pattern: /^[A-Za-z0-9_-]+$/, allowed: 'letters, numbers, hyphens and underscores', source: 'Batch CreateJobQueue'},
  schedulingPolicy: {maxLength: 128, pattern: /^[A-Za-z0-9_-]+$/, allowed: 'letters, numbers, hyphens and underscores', source: 'Batch CreateSchedulingPolicy'},
  jobDefinition: {maxLength: 128, pattern: /^[A-Za-z0-9_-]+$/, allowed: 'letters, numbers, hyphens and underscores', source: 'Batch RegisterJobDefinition'},
  schedule: {maxLength: 64, pattern: /^[0-9A-Za-z._-]+$/, allowed: 'letters, numbers, dots, hyphens and underscores', source: 'EventBridge Scheduler CreateSchedule'},
  rule: {maxLength: 64, pattern: /^[0-9A-Za-z._-]+$/, allowed: 'letters, numbers, dots, hyphens and underscores', source: 'EventBridge PutRule'},
  stateMachine: {maxLength: 80, pattern: /^[0-9A-Za-z_-]+$/, allowed: 'letters, numbers, hyphens and underscores', source: 'Step Functions CreateStateMachine'},
  repository: {
    maxLength: 256,
    pattern: /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/,
    allowed: 'lower-case letters, numbers, and single . _ - or / between them',
    source: 'ECR CreateRepository',
  },
}
