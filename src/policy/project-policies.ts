import type {BatchConfig, JobDefinition, StartTarget, SubmitTarget, WorkflowStep} from '../config/types.generated.js'
import {physicalName} from '../config/physical-name.js'
import {repositoryName} from '../desired/index.js'
import {SCHEDULE_GROUP} from '../desired/schedules.js'
import {accountFromArns, type ArnContext, type Arns, arns, busName, roleArn} from './arns.js'
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
 * Service principals, from each service's role pages (trust relationships):
 * https://docs.aws.amazon.com/step-functions/latest/dg/procedure-create-iam-role.html,
 * https://docs.aws.amazon.com/scheduler/latest/UserGuide/setting-up.html (execution role),
 * https://docs.aws.amazon.com/batch/latest/userguide/CWE_IAM_role.html (events),
 * https://docs.aws.amazon.com/batch/latest/userguide/execution-IAM-role.html (ecs-tasks).
 */
const PRINCIPAL = {
  states: 'states.amazonaws.com',
  scheduler: 'scheduler.amazonaws.com',
  events: 'events.amazonaws.com',
  ecsTasks: 'ecs-tasks.amazonaws.com',
} as const

/** Default awslogs group of Batch jobs. */
const BATCH_LOG_GROUP = '/aws/batch/job'

/**
 * The rule Step Functions manages to learn when `.sync` Batch jobs end:
 * https://docs.aws.amazon.com/step-functions/latest/dg/batch-iam.html
 */
const SFN_BATCH_RULE = 'StepFunctionsGetEventsForBatchJobsRule'

function keys<T>(section: Record<string, T | undefined> | undefined): Array<[string, T]> {
  return Object.entries(section ?? {}).filter((e): e is [string, T] => e[1] !== undefined)
}

class RoleBook {
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
  const desiredCtx = {config, project: config.project, ...(options.env ? {env: options.env} : {}), imageUris: {}}
  const repoOf = (imageKey: string) => repositoryName(desiredCtx, imageKey)
  const queueArn = (key: string | undefined) => (key === undefined ? [] : [a.jobQueue(name(key))])

  // What a schedule, rule or workflow role needs to call its target.
  const targetStatements = (set: StatementSet, submit?: SubmitTarget, start?: StartTarget) => {
    if (submit) set.add('SubmitJob', ['batch:SubmitJob'], [...queueArn(submit.queue ?? d.queue), ...a.jobDefinition(name(submit.job))])
    if (start) set.add('StartExecution', ['states:StartExecution'], [a.stateMachine(name(start.workflow))])
  }

  // --- Batch
  const ces = keys(config.computeEnvironments)
  const queues = keys(config.jobQueues)
  const policies = keys(config.schedulingPolicies)
  const jobs = keys(config.jobDefinitions)
  if (ces.length + queues.length + policies.length + jobs.length > 0) {
    deployer.add(
      'BatchRead',
      ['batch:DescribeComputeEnvironments', 'batch:DescribeJobQueues', 'batch:DescribeJobDefinitions', 'batch:DescribeSchedulingPolicies', 'batch:ListSchedulingPolicies', 'batch:DescribeJobs', 'batch:ListJobs'],
      ['*'],
    )
    deployer.add('BatchComputeEnvironments', ['batch:CreateComputeEnvironment', 'batch:UpdateComputeEnvironment', 'batch:DeleteComputeEnvironment'], [a.computeEnvironment(everyName)])
    // CreateJobQueue and UpdateJobQueue also authorise the compute environments and scheduling policy they attach.
    deployer.add(
      'BatchJobQueues',
      ['batch:CreateJobQueue', 'batch:UpdateJobQueue', 'batch:DeleteJobQueue'],
      [a.jobQueue(everyName), a.computeEnvironment(everyName), a.schedulingPolicy(everyName)],
    )
    deployer.add('BatchSchedulingPolicies', ['batch:CreateSchedulingPolicy', 'batch:UpdateSchedulingPolicy', 'batch:DeleteSchedulingPolicy'], [a.schedulingPolicy(everyName)])
    deployer.add('BatchJobDefinitions', ['batch:RegisterJobDefinition', 'batch:DeregisterJobDefinition'], a.jobDefinition(everyName))
    deployer.add('BatchSubmit', ['batch:SubmitJob'], [a.jobQueue(everyName), ...a.jobDefinition(everyName)])
    deployer.add('BatchTerminate', ['batch:TerminateJob'], [a.anyJob()])
    // Create* with tags, SubmitJob with tags (batchctl tags each submission) and tag updates.
    deployer.add(
      'BatchTagging',
      ['batch:TagResource', 'batch:UntagResource'],
      [a.computeEnvironment(everyName), a.jobQueue(everyName), a.schedulingPolicy(everyName), ...a.jobDefinition(everyName), a.anyJob()],
    )
    const ceRoles = ces.flatMap(([, ce]) => [ce.serviceRole ?? d.serviceRole, ce.instanceRole ?? d.instanceRole, ce.spotIamFleetRole])
    const passToCe = [...new Set(ceRoles.filter((r): r is string => r !== undefined).map((r) => roleArn(r, a)))]
    if (ces.some(([, ce]) => (ce.instanceRole ?? d.instanceRole) !== undefined)) {
      notes.push('Instance roles are passed as the role named like the instance profile; if yours differ, pass the role inside the profile.')
    }
    // AWS: CreateComputeEnvironment passes roles to batch, ec2 and spotfleet (iam:PassedToService).
    deployer.add('PassRolesToBatch', ['iam:PassRole'], passToCe, {StringEquals: {'iam:PassedToService': ['batch.amazonaws.com', 'ec2.amazonaws.com', 'spotfleet.amazonaws.com']}})
    const jobRoles = jobs.flatMap(([, j]) => [j.jobRole ?? d.jobRole, j.executionRole ?? d.executionRole]).filter((r): r is string => r !== undefined)
    deployer.add('PassRolesToJobs', ['iam:PassRole'], [...new Set(jobRoles.map((r) => roleArn(r, a)))])

    const logGroups = new Set<string>()
    for (const [key, job] of jobs) {
      const group = job.logConfiguration?.logDriver === 'awslogs' ? (job.logConfiguration.options?.['awslogs-group'] ?? BATCH_LOG_GROUP) : BATCH_LOG_GROUP
      logGroups.add(group)
      const exec = job.executionRole ?? d.executionRole
      if (exec !== undefined) jobExecutionRole(roles.use(roleArn(exec, a), 'jobExecution', PRINCIPAL.ecsTasks, `jobDefinitions.${key}`), a, job, group, repoOf, config)
      const jobRole = job.jobRole ?? d.jobRole
      if (jobRole !== undefined) roles.use(roleArn(jobRole, a), 'job', PRINCIPAL.ecsTasks, `jobDefinitions.${key}`)
    }
    // `batchctl logs` reads job logs; FilterLogEvents and StartLiveTail take log-group ARNs.
    deployer.add('JobLogs', ['logs:FilterLogEvents', 'logs:GetLogEvents', 'logs:StartLiveTail'], [...logGroups].flatMap((g) => a.logGroup(g)))
  }

  // --- ECR
  const images = keys(config.images)
  if (images.length > 0) {
    deployer.add('EcrLogin', ['ecr:GetAuthorizationToken'], ['*'])
    // Reading the snapshot lists repositories, which needs `*`.
    deployer.add('EcrRead', ['ecr:DescribeRepositories'], ['*'])
    deployer.add(
      'EcrRepositories',
      [
        'ecr:CreateRepository', 'ecr:DeleteRepository', 'ecr:PutLifecyclePolicy', 'ecr:GetLifecyclePolicy', 'ecr:DeleteLifecyclePolicy',
        'ecr:PutImageTagMutability', 'ecr:PutImageScanningConfiguration', 'ecr:TagResource', 'ecr:UntagResource', 'ecr:ListTagsForResource',
        // Pushing images (build / push).
        'ecr:BatchCheckLayerAvailability', 'ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload', 'ecr:PutImage',
        'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer',
      ],
      [...new Set([a.repository(everyName.toLowerCase()), ...images.map(([key]) => a.repository(repoOf(key)))])],
    )
  }

  // --- Step Functions
  const workflows = keys(config.workflows)
  if (workflows.length > 0) {
    deployer.add('StatesRead', ['states:ListStateMachines'], ['*'])
    deployer.add(
      'StatesStateMachines',
      ['states:CreateStateMachine', 'states:UpdateStateMachine', 'states:DeleteStateMachine', 'states:DescribeStateMachine', 'states:TagResource', 'states:UntagResource', 'states:ListTagsForResource', 'states:StartExecution', 'states:ListExecutions'],
      [a.stateMachine(everyName)],
    )
    deployer.add(
      'StatesExecutions',
      ['states:DescribeExecution', 'states:GetExecutionHistory', 'states:StopExecution', 'states:DescribeStateMachineForExecution'],
      [a.executionsOf(everyName)],
    )
    const workflowRoles = new Set<string>()
    for (const [key, workflow] of workflows) {
      const role = workflow.role ?? d.workflowRole
      if (role === undefined) continue
      workflowRoles.add(roleArn(role, a))
      const set = roles.use(roleArn(role, a), 'workflow', PRINCIPAL.states, `workflows.${key}`)
      const usage = workflowBatchUsage(workflow.steps, options.workflowDefinitions?.[key], d.queue)
      if (usage.unknownTargets) {
        notes.push(`workflows.${key}: its definition file names its queues and job definitions; the role may submit to every queue and job definition of the project.`)
      }
      const queuesUsed = usage.unknownTargets ? [a.jobQueue(everyName)] : usage.queues.map((q) => a.jobQueue(name(q)))
      const jobsUsed = usage.unknownTargets ? a.jobDefinition(everyName) : usage.jobs.flatMap((j) => a.jobDefinition(name(j)))
      if (usage.submits) set.add('SubmitJob', ['batch:SubmitJob'], [...queuesUsed, ...jobsUsed])
      if (usage.sync) {
        // AWS: https://docs.aws.amazon.com/step-functions/latest/dg/batch-iam.html — Run a Job (.sync)
        set.add('DescribeJobs', ['batch:DescribeJobs'], ['*'])
        set.add('TerminateJobs', ['batch:TerminateJob'], [a.anyJob()])
        set.add('BatchJobEvents', ['events:PutTargets', 'events:PutRule', 'events:DescribeRule'], [a.rule(SFN_BATCH_RULE)])
      }
    }
    deployer.add('PassRolesToStates', ['iam:PassRole'], [...workflowRoles], {StringEquals: {'iam:PassedToService': PRINCIPAL.states}})
  }

  // --- Schedules (Scheduler, or rules with mode: rule) and triggers (rules)
  const schedules = keys(config.schedules)
  const scheduled = schedules.filter(([, s]) => s.mode !== 'rule')
  const ruleSchedules = schedules.filter(([, s]) => s.mode === 'rule')
  const triggers = keys(config.triggers)
  const schedulerRoles = new Set<string>()
  const eventsRoles = new Set<string>()
  if (scheduled.length > 0) {
    const group = name(SCHEDULE_GROUP)
    deployer.add('SchedulerRead', ['scheduler:ListScheduleGroups', 'scheduler:ListSchedules'], ['*'])
    deployer.add(
      'SchedulerGroup',
      ['scheduler:CreateScheduleGroup', 'scheduler:DeleteScheduleGroup', 'scheduler:GetScheduleGroup', 'scheduler:TagResource', 'scheduler:UntagResource', 'scheduler:ListTagsForResource'],
      [a.scheduleGroup(group)],
    )
    // DeleteScheduleGroup also needs DeleteSchedule on the schedules in it.
    deployer.add('SchedulerSchedules', ['scheduler:CreateSchedule', 'scheduler:UpdateSchedule', 'scheduler:DeleteSchedule', 'scheduler:GetSchedule'], [a.schedulesIn(group)])
    for (const [key, schedule] of scheduled) {
      const role = schedule.role ?? d.scheduleRole
      if (role === undefined) continue
      schedulerRoles.add(roleArn(role, a))
      targetStatements(roles.use(roleArn(role, a), 'schedule', PRINCIPAL.scheduler, `schedules.${key}`), schedule.submit, schedule.start)
    }
    deployer.add('PassRolesToScheduler', ['iam:PassRole'], [...schedulerRoles], {StringEquals: {'iam:PassedToService': PRINCIPAL.scheduler}})
  }
  if (ruleSchedules.length + triggers.length > 0) {
    deployer.add('EventsRead', ['events:ListRules', 'events:ListEventBuses'], ['*'])
    const buses = new Set<string | undefined>([undefined, ...triggers.map(([, t]) => busName(t.bus))])
    deployer.add(
      'EventsRules',
      ['events:PutRule', 'events:DeleteRule', 'events:DescribeRule', 'events:PutTargets', 'events:RemoveTargets', 'events:ListTargetsByRule', 'events:TagResource', 'events:UntagResource', 'events:ListTagsForResource'],
      [...buses].map((bus) => a.rule(everyName, bus)),
    )
    for (const [key, schedule] of ruleSchedules) {
      const role = schedule.role ?? d.scheduleRole
      if (role === undefined) continue
      eventsRoles.add(roleArn(role, a))
      targetStatements(roles.use(roleArn(role, a), 'schedule', PRINCIPAL.events, `schedules.${key}`), schedule.submit, schedule.start)
    }
    for (const [key, trigger] of triggers) {
      const role = trigger.role ?? d.triggerRole
      if (role === undefined) continue
      eventsRoles.add(roleArn(role, a))
      targetStatements(roles.use(roleArn(role, a), 'trigger', PRINCIPAL.events, `triggers.${key}`), trigger.submit, trigger.start)
    }
    deployer.add('PassRolesToEvents', ['iam:PassRole'], [...eventsRoles], {StringEquals: {'iam:PassedToService': PRINCIPAL.events}})
  }

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

/** The execution role ECS uses to pull the image, write logs and read secrets for a job. */
function jobExecutionRole(
  set: StatementSet,
  a: Arns,
  job: JobDefinition,
  logGroup: string,
  repoOf: (key: string) => string,
  config: BatchConfig,
): void {
  // As AWS's AmazonECSTaskExecutionRolePolicy, scoped to the job's repository and log group.
  const repo = config.images?.[job.image] !== undefined ? a.repository(repoOf(job.image)) : ecrRepositoryOfUri(job.image, a)
  if (repo !== undefined) {
    set.add('EcrLogin', ['ecr:GetAuthorizationToken'], ['*'])
    set.add('PullImages', ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'], [repo])
  }
  set.add('WriteLogs', ['logs:CreateLogStream', 'logs:PutLogEvents'], a.logGroup(logGroup).slice(1))
  for (const source of Object.values(job.secrets ?? {})) {
    if (source === undefined) continue
    if (source.includes(':secretsmanager:')) set.add('ReadSecrets', ['secretsmanager:GetSecretValue'], [source])
    else set.add('ReadParameters', ['ssm:GetParameters'], [source.startsWith('arn:') ? source : a.ssmParameter(source)])
  }
}

/** `123456789012.dkr.ecr.us-east-1.amazonaws.com/name:tag` → its repository ARN; other registries need no IAM. */
function ecrRepositoryOfUri(uri: string, a: Arns): string | undefined {
  const match = uri.match(/^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/([^:@]+)/)
  if (!match) return undefined
  return a.repository(match[3]!).replace(/:ecr:[^:]+:[^:]+:/, `:ecr:${match[2]}:${match[1]}:`)
}

interface BatchUsage {
  submits: boolean
  sync: boolean
  queues: string[]
  jobs: string[]
  /** A definition file: the queues and job definitions are not known by key. */
  unknownTargets: boolean
}

/** The queues and job definitions a workflow's steps submit to; every step is a `.sync` SubmitJob. */
function workflowBatchUsage(
  steps: WorkflowStep[] | undefined,
  definition: unknown,
  defaultQueue: string | undefined,
): BatchUsage {
  if (steps !== undefined) {
    const queues = [...new Set(steps.map((s) => s.queue ?? defaultQueue).filter((q): q is string => q !== undefined))]
    const jobs = [...new Set(steps.map((s) => s.job))]
    return {submits: true, sync: true, queues, jobs, unknownTargets: false}
  }
  const text = JSON.stringify(definition ?? {})
  return {submits: text.includes(':batch:submitJob'), sync: text.includes(':batch:submitJob.sync'), queues: [], jobs: [], unknownTargets: true}
}
