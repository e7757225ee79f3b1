import type {BatchConfig, JobDefinition} from '../config/types.generated.js'
import {type Arns, roleArn} from './arns.js'
import type {StatementSet} from './documents.js'
import {keys, type PolicyContext, PRINCIPAL} from './policy-context.js'

/** Default awslogs group of Batch jobs. */
const BATCH_LOG_GROUP = '/aws/batch/job'

/** Batch: the deployer's Batch, log and PassRole statements, and the job execution and job roles. */
export function batchStatements(ctx: PolicyContext): void {
  const {config, defaults: d, everyName, a, deployer, roles, notes, repoOf} = ctx
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
