import type {BatchConfig} from '../config/types.generated.js'
import {physicalName} from '../config/physical-name.js'
import {imageRepositoryNames} from '../desired/index.js'
import {accountFromArns, type ArnContext, arns} from './arns.js'
import {batchStatements} from './batch-statements.js'
import {type PolicyDocument, StatementSet} from './documents.js'
import {ecrStatements} from './ecr-statements.js'
import {keys, type PolicyContext, RoleBook, type RolePolicies} from './policy-context.js'
import {scheduleStatements} from './schedule-statements.js'
import {workflowStatements} from './workflow-statements.js'

export type {RolePolicies, RolePurpose} from './policy-context.js'

/** `batchctl policy`: the deployer's policy and each named role's trust and permission policies. */
export interface PolicyReport {
  project: string
  env?: string
  partition: string
  region: string
  /** `*` when no role ARN in batch.yaml (or `--account`) told it. */
  account: string
  deployer: PolicyDocument
  roles: RolePolicies[]
  notes: string[]
}

export interface PolicyOptions {
  env?: string
  region: string
  /** Default: the account of the first role ARN in batch.yaml, else `*`. */
  account?: string
  partition?: string
  /** Parsed `definitionFile` contents by workflow key. */
  workflowDefinitions?: Record<string, unknown>
}

/**
 * The IAM policies a batch.yaml needs. Pure: names come from the config (`<project>[-<env>]-<key>`),
 * ARNs from the region and account given. The deployer's statements are scoped to the project's
 * name prefix (`<project>[-<env>]-*`), which also covers resources that left batch.yaml and that
 * apply deletes; actions without resource-level permissions get `*`.
 */
export function projectPolicies(config: BatchConfig, options: PolicyOptions): PolicyReport {
  const d = config.defaults ?? {}
  const name = (key: string) => physicalName(config.project, options.env, key)
  const everyName = name('*')
  const fromRoles = accountFromArns([
    d.workflowRole, d.scheduleRole, d.triggerRole, d.executionRole, d.jobRole, d.serviceRole,
    ...keys(config.workflows).map(([, w]) => w.role),
    ...keys(config.schedules).map(([, s]) => s.role),
    ...keys(config.triggers).map(([, t]) => t.role),
    ...keys(config.jobDefinitions).flatMap(([, j]) => [j.executionRole, j.jobRole]),
  ])
  const ctx: ArnContext = {
    partition: options.partition ?? fromRoles?.partition ?? 'aws',
    region: options.region,
    account: options.account ?? fromRoles?.account ?? '*',
  }
  const a = arns(ctx)
  const notes: string[] = []
  const deployer = new StatementSet()
  const roles = new RoleBook()
  const repositories = imageRepositoryNames(config, options.env, Object.keys(config.images ?? {}))
  const repoOf = (imageKey: string) => repositories[imageKey] ?? imageKey
  const policyCtx: PolicyContext = {
    config,
    defaults: d,
    name,
    everyName,
    a,
    deployer,
    roles,
    notes,
    repoOf,
    workflowDefinitions: options.workflowDefinitions ?? {},
  }
  batchStatements(policyCtx)
  ecrStatements(policyCtx)
  workflowStatements(policyCtx)
  scheduleStatements(policyCtx)

  // Every command resolves the account; AWS requires no permission for it, listed for completeness.
  deployer.add('Identity', ['sts:GetCallerIdentity'], ['*'])
  if (ctx.account === '*') notes.push('No account in batch.yaml role ARNs: ARNs use `*` for the account; pass --account to pin it.')

  return {
    project: config.project,
    ...(options.env ? {env: options.env} : {}),
    ...ctx,
    deployer: deployer.document(),
    roles: roles.list(),
    notes,
  }
}
