import type {BatchConfig, StartTarget, SubmitTarget} from '../config/types.generated.js'
import type {Arns} from './arns.js'
import {type PolicyDocument, StatementSet, type TrustPolicyDocument, trustPolicy} from './documents.js'

/** What a role batch.yaml names is for. */
export type RolePurpose = 'workflow' | 'schedule' | 'trigger' | 'jobExecution' | 'job'

/** One role batch.yaml names, with the policies it needs. */
export interface RolePolicies {
  roleArn: string
  purposes: RolePurpose[]
  /** batch.yaml entries that use it, e.g. `workflows.pipeline`. */
  usedBy: string[]
  trustPolicy: TrustPolicyDocument
  /** Absent for job roles: what a job's own code calls is not batchctl's to know. */
  permissionPolicy?: PolicyDocument
}

/**
 * Service principals, from each service's role pages (trust relationships):
 * https://docs.aws.amazon.com/step-functions/latest/dg/procedure-create-iam-role.html,
 * https://docs.aws.amazon.com/scheduler/latest/UserGuide/setting-up.html (execution role),
 * https://docs.aws.amazon.com/batch/latest/userguide/CWE_IAM_role.html (events),
 * https://docs.aws.amazon.com/batch/latest/userguide/execution-IAM-role.html (ecs-tasks).
 */
export const PRINCIPAL = {
  states: 'states.amazonaws.com',
  scheduler: 'scheduler.amazonaws.com',
  events: 'events.amazonaws.com',
  ecsTasks: 'ecs-tasks.amazonaws.com',
} as const

/** The entries of a batch.yaml section, without the `undefined` its generated type allows. */
export function keys<T>(section: Record<string, T | undefined> | undefined): Array<[string, T]> {
  return Object.entries(section ?? {}).filter((e): e is [string, T] => e[1] !== undefined)
}

/** Roles by ARN, each with its purposes, users, trusted principals and statements. */
export class RoleBook {
  private readonly roles = new Map<string, {purposes: Set<RolePurpose>; usedBy: string[]; principals: Set<string>; statements: StatementSet}>()

  use(arn: string, purpose: RolePurpose, principal: string, usedBy: string): StatementSet {
    let role = this.roles.get(arn)
    if (!role) {
      role = {purposes: new Set(), usedBy: [], principals: new Set(), statements: new StatementSet()}
      this.roles.set(arn, role)
    }
    role.purposes.add(purpose)
    role.principals.add(principal)
    if (!role.usedBy.includes(usedBy)) role.usedBy.push(usedBy)
    return role.statements
  }

  list(): RolePolicies[] {
    return [...this.roles].map(([arn, role]) => ({
      roleArn: arn,
      purposes: [...role.purposes],
      usedBy: role.usedBy,
      trustPolicy: trustPolicy(role.principals),
      ...(role.statements.size > 0 ? {permissionPolicy: role.statements.document()} : {}),
    }))
  }
}

/** Everything the section builders share: names, ARNs and where statements go. */
export interface PolicyContext {
  config: BatchConfig
  defaults: NonNullable<BatchConfig['defaults']>
  /** `<project>[-<env>]-<key>`. */
  name: (key: string) => string
  /** `<project>[-<env>]-*`: every name the project may own. */
  everyName: string
  a: Arns
  deployer: StatementSet
  roles: RoleBook
  notes: string[]
  /** The ECR repository name of an `images:` key. */
  repoOf: (imageKey: string) => string
  workflowDefinitions: Record<string, unknown>
}

/** What a schedule, rule or trigger role needs to call its target. */
export function targetStatements(ctx: PolicyContext, set: StatementSet, submit?: SubmitTarget, start?: StartTarget): void {
  const {a, name} = ctx
  const queue = submit?.queue ?? ctx.defaults.queue
  if (submit) set.add('SubmitJob', ['batch:SubmitJob'], [...(queue === undefined ? [] : [a.jobQueue(name(queue))]), ...a.jobDefinition(name(submit.job))])
  if (start) set.add('StartExecution', ['states:StartExecution'], [a.stateMachine(name(start.workflow))])
}
