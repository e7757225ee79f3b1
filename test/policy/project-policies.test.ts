import {mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

import type {BatchConfig} from '../../src/config/types.generated.js'
import {validateFile} from '../../src/config/validate-file.js'
import type {PolicyDocument} from '../../src/policy/documents.js'
import {projectPolicies, type PolicyReport} from '../../src/policy/project-policies.js'
import {repoRoot} from '../helpers/cli.js'

function example(name: string): BatchConfig {
  const result = validateFile(join(repoRoot, 'examples', name, 'batch.yaml'))
  if (!result.config) throw new Error(`examples/${name} is invalid`)
  return result.config
}

function statement(doc: PolicyDocument | undefined, sid: string) {
  const found = doc?.Statement.find((s) => s.Sid === sid)
  if (!found) throw new Error(`no statement ${sid} in ${JSON.stringify(doc?.Statement.map((s) => s.Sid))}`)
  return found
}

function role(report: PolicyReport, arnSuffix: string) {
  const found = report.roles.find((r) => r.roleArn.endsWith(arnSuffix))
  if (!found) throw new Error(`no role ${arnSuffix}`)
  return found
}

/** What makes a document valid for IAM: version, unique alphanumeric Sids, service:Action names, ARNs or "*". */
function expectValidDocument(doc: PolicyDocument): void {
  expect(doc.Version).toBe('2012-10-17')
  expect(doc.Statement.length).toBeGreaterThan(0)
  const sids = doc.Statement.map((s) => s.Sid)
  expect(new Set(sids).size).toBe(sids.length)
  for (const s of doc.Statement) {
    expect(s.Sid).toMatch(/^[A-Za-z0-9]+$/)
    expect(s.Effect).toBe('Allow')
    for (const action of s.Action) expect(action).toMatch(/^[a-z0-9-]+:[A-Z][A-Za-z]+$/)
    expect(s.Resource.length).toBeGreaterThan(0)
    for (const resource of s.Resource) expect(resource === '*' || resource.startsWith('arn:aws:')).toBe(true)
  }
  // Round-trips as JSON: what the user pastes into IAM.
  expect(JSON.parse(JSON.stringify(doc))).toEqual(doc)
}

describe('projectPolicies on the examples', () => {
  it('spot-array-pipeline: Batch and ECR scoped to genomics-*, the workflow role for .sync jobs, the schedule role starts the workflow', () => {
    const report = projectPolicies(example('spot-array-pipeline'), {region: 'us-east-1'})
    expect(report.account).toBe('123456789012')
    expectValidDocument(report.deployer)
    const arn = 'arn:aws:batch:us-east-1:123456789012'
    expect(statement(report.deployer, 'BatchComputeEnvironments')).toMatchObject({
      Action: ['batch:CreateComputeEnvironment', 'batch:DeleteComputeEnvironment', 'batch:UpdateComputeEnvironment'],
      Resource: [`${arn}:compute-environment/genomics-*`],
    })
    expect(statement(report.deployer, 'BatchSubmit').Resource).toEqual([`${arn}:job-definition/genomics-*`, `${arn}:job-definition/genomics-*:*`, `${arn}:job-queue/genomics-*`])
    expect(statement(report.deployer, 'BatchRead').Resource).toEqual(['*'])
    expect(statement(report.deployer, 'EcrRepositories').Resource).toEqual(['arn:aws:ecr:us-east-1:123456789012:repository/genomics-*', 'arn:aws:ecr:us-east-1:123456789012:repository/genomics-worker'])
    expect(statement(report.deployer, 'PassRolesToStates')).toEqual({
      Sid: 'PassRolesToStates',
      Effect: 'Allow',
      Action: ['iam:PassRole'],
      Resource: ['arn:aws:iam::123456789012:role/genomics-sfn'],
      Condition: {StringEquals: {'iam:PassedToService': 'states.amazonaws.com'}},
    })
    expect(statement(report.deployer, 'StatesExecutions').Resource).toEqual(['arn:aws:states:us-east-1:123456789012:execution:genomics-*:*'])

    const workflow = role(report, 'role/genomics-sfn')
    expect(workflow.purposes).toEqual(['workflow'])
    expect(workflow.trustPolicy.Statement[0]!.Principal.Service).toEqual(['states.amazonaws.com'])
    expectValidDocument(workflow.permissionPolicy!)
    const submit = statement(workflow.permissionPolicy, 'SubmitJob')
    // Exactly the queue and job definitions the steps use, each with its revisions.
    expect(submit.Resource).toContain(`${arn}:job-queue/genomics-spot`)
    expect(submit.Resource).toContain(`${arn}:job-definition/genomics-align:*`)
    expect(submit.Resource.filter((r) => r.includes(':job-definition/'))).toHaveLength(10)
    // AWS: https://docs.aws.amazon.com/step-functions/latest/dg/batch-iam.html — Run a Job (.sync)
    expect(statement(workflow.permissionPolicy, 'BatchJobEvents')).toMatchObject({
      Action: ['events:DescribeRule', 'events:PutRule', 'events:PutTargets'],
      Resource: ['arn:aws:events:us-east-1:123456789012:rule/StepFunctionsGetEventsForBatchJobsRule'],
    })
    expect(statement(workflow.permissionPolicy, 'DescribeJobs').Resource).toEqual(['*'])

    const schedule = role(report, 'role/genomics-scheduler')
    expect(schedule.trustPolicy.Statement[0]!.Principal.Service).toEqual(['scheduler.amazonaws.com'])
    expect(schedule.permissionPolicy!.Statement).toEqual([
      {Sid: 'StartExecution', Effect: 'Allow', Action: ['states:StartExecution'], Resource: ['arn:aws:states:us-east-1:123456789012:stateMachine:genomics-pipeline']},
    ])
    const job = role(report, 'role/genomics-batch-job')
    expect(job.trustPolicy.Statement[0]!.Principal.Service).toEqual(['ecs-tasks.amazonaws.com'])
    expect(job.permissionPolicy).toBeUndefined()
  })

  it('fargate-nightly: the execution role pulls nothing from ECR (public image) but writes logs and reads its secret; schedule and trigger roles submit the job', () => {
    const report = projectPolicies(example('fargate-nightly'), {region: 'eu-central-1'})
    expectValidDocument(report.deployer)
    const exec = role(report, 'role/reports-batch-execution')
    expect(exec.purposes).toEqual(['jobExecution'])
    expect(exec.trustPolicy.Statement[0]!.Principal.Service).toEqual(['ecs-tasks.amazonaws.com'])
    expect(exec.permissionPolicy!.Statement.map((s) => s.Sid)).toEqual(['WriteLogs', 'ReadSecrets'])
    expect(statement(exec.permissionPolicy, 'WriteLogs').Resource).toEqual(['arn:aws:logs:eu-central-1:123456789012:log-group:/aws/batch/job:*'])
    expect(statement(exec.permissionPolicy, 'ReadSecrets')).toMatchObject({
      Action: ['secretsmanager:GetSecretValue'],
      Resource: ['arn:aws:secretsmanager:eu-central-1:123456789012:secret:reports-db-AbCdEf'],
    })
    const submitResources = [
      'arn:aws:batch:eu-central-1:123456789012:job-definition/reports-report',
      'arn:aws:batch:eu-central-1:123456789012:job-definition/reports-report:*',
      expect.stringMatching(/^arn:aws:batch:eu-central-1:123456789012:job-queue\/reports-/),
    ]
    const scheduler = role(report, 'role/reports-scheduler')
    expect(scheduler.trustPolicy.Statement[0]!.Principal.Service).toEqual(['scheduler.amazonaws.com'])
    expect(statement(scheduler.permissionPolicy, 'SubmitJob')).toMatchObject({Action: ['batch:SubmitJob'], Resource: submitResources})
    const events = role(report, 'role/reports-events')
    expect(events.trustPolicy.Statement[0]!.Principal.Service).toEqual(['events.amazonaws.com'])
    expect(statement(events.permissionPolicy, 'SubmitJob')).toMatchObject({Resource: submitResources})
    expect(statement(report.deployer, 'PassRolesToScheduler').Condition).toEqual({StringEquals: {'iam:PassedToService': 'scheduler.amazonaws.com'}})
    expect(statement(report.deployer, 'PassRolesToEvents').Resource).toEqual(['arn:aws:iam::123456789012:role/reports-events'])
    expect(statement(report.deployer, 'SchedulerSchedules').Resource).toEqual(['arn:aws:scheduler:eu-central-1:123456789012:schedule/reports-schedules/*'])
    expect(statement(report.deployer, 'EventsRules').Resource).toEqual(['arn:aws:events:eu-central-1:123456789012:rule/reports-*'])
    // No images and no workflows: no ECR or Step Functions statements.
    expect(report.deployer.Statement.some((s) => s.Action.some((a) => a.startsWith('ecr:') || a.startsWith('states:')))).toBe(false)
  })

  it('multinode-training: instance profile passed to Batch with its PassedToService condition; no execution role on EC2', () => {
    const report = projectPolicies(example('multinode-training'), {region: 'us-west-2'})
    expectValidDocument(report.deployer)
    expect(statement(report.deployer, 'PassRolesToBatch')).toMatchObject({
      Resource: ['arn:aws:iam::123456789012:role/ecsInstanceRole'],
      Condition: {StringEquals: {'iam:PassedToService': ['batch.amazonaws.com', 'ec2.amazonaws.com', 'spotfleet.amazonaws.com']}},
    })
    expect(report.roles.map((r) => r.purposes[0]).sort()).toEqual(['job', 'schedule'])
    expect(statement(report.deployer, 'BatchSchedulingPolicies').Resource).toEqual(['arn:aws:batch:us-west-2:123456789012:scheduling-policy/ml-*'])
  })
})

const FULL = `project: acme
region: us-east-1
defaults:
  queue: main
  workflowRole: arn:aws:iam::111122223333:role/acme-sfn
  scheduleRole: arn:aws:iam::111122223333:role/acme-scheduler
  triggerRole: arn:aws:iam::111122223333:role/acme-events
  executionRole: arn:aws:iam::111122223333:role/acme-exec
images:
  worker: {context: ./worker}
computeEnvironments:
  fargate: {type: FARGATE, maxvCpus: 16, subnets: [subnet-11111111], securityGroups: [sg-11111111]}
jobQueues:
  main: {priority: 1, computeEnvironments: [fargate]}
jobDefinitions:
  work: {image: worker, vcpus: 1, memory: 2048}
  other: {image: public.ecr.aws/docker/library/busybox:latest, vcpus: 1, memory: 2048}
workflows:
  flow:
    steps: [{name: work, job: work}]
  custom:
    definitionFile: custom.asl.json
schedules:
  nightly: {cron: "0 2 * * ? *", start: {workflow: flow}}
  hourly: {rate: "1 hour", mode: rule, submit: {job: other}}
triggers:
  on-event:
    bus: arn:aws:events:us-east-1:111122223333:event-bus/acme-bus
    event: {source: [acme.app]}
    start: {workflow: custom}
environments:
  prod: {}
`

function fullConfig(): {config: BatchConfig; definitions: Record<string, unknown>} {
  const dir = mkdtempSync(join(tmpdir(), 'batchctl-policy-'))
  writeFileSync(join(dir, 'batch.yaml'), FULL)
  const custom = {StartAt: 'Go', States: {Go: {Type: 'Task', Resource: 'arn:aws:states:::batch:submitJob', Parameters: {JobName: 'x', JobQueue: 'acme-main', JobDefinition: 'acme-work'}, End: true}}}
  writeFileSync(join(dir, 'custom.asl.json'), JSON.stringify(custom))
  const result = validateFile(join(dir, 'batch.yaml'), {env: 'prod'})
  if (!result.config) throw new Error(`invalid: ${result.diagnostics.map((d) => d.message).join('; ')}`)
  return {config: result.config, definitions: {custom}}
}

describe('projectPolicies on a file with every section', () => {
  it('uses the environment in names, rule-mode schedules assume events, a custom bus scopes rules, a definition file widens SubmitJob', () => {
    const {config, definitions} = fullConfig()
    const report = projectPolicies(config, {env: 'prod', region: 'us-east-1', workflowDefinitions: definitions})
    expect(report.account).toBe('111122223333')
    expectValidDocument(report.deployer)
    expect(statement(report.deployer, 'StatesStateMachines').Resource).toEqual(['arn:aws:states:us-east-1:111122223333:stateMachine:acme-prod-*'])
    expect(statement(report.deployer, 'EventsRules').Resource).toEqual([
      'arn:aws:events:us-east-1:111122223333:rule/acme-bus/acme-prod-*',
      'arn:aws:events:us-east-1:111122223333:rule/acme-prod-*',
    ])
    expect(statement(report.deployer, 'SchedulerGroup').Resource).toEqual(['arn:aws:scheduler:us-east-1:111122223333:schedule-group/acme-prod-schedules'])

    // One role, two services: Scheduler for `nightly`, EventBridge for the rule-mode `hourly`.
    const scheduleRole = role(report, 'role/acme-scheduler')
    expect(scheduleRole.trustPolicy.Statement[0]!.Principal.Service).toEqual(['events.amazonaws.com', 'scheduler.amazonaws.com'])
    expect(scheduleRole.usedBy).toEqual(['schedules.nightly', 'schedules.hourly'])
    expect(statement(scheduleRole.permissionPolicy, 'StartExecution').Resource).toEqual(['arn:aws:states:us-east-1:111122223333:stateMachine:acme-prod-flow'])
    expect(statement(scheduleRole.permissionPolicy, 'SubmitJob').Resource).toEqual([
      'arn:aws:batch:us-east-1:111122223333:job-definition/acme-prod-other',
      'arn:aws:batch:us-east-1:111122223333:job-definition/acme-prod-other:*',
      'arn:aws:batch:us-east-1:111122223333:job-queue/acme-prod-main',
    ])

    // The custom workflow submits without .sync: SubmitJob only, on every project queue and definition.
    const sfn = role(report, 'role/acme-sfn')
    expect(sfn.usedBy).toEqual(['workflows.flow', 'workflows.custom'])
    expect(statement(sfn.permissionPolicy, 'SubmitJob').Resource).toContain('arn:aws:batch:us-east-1:111122223333:job-queue/acme-prod-*')
    expect(report.notes.some((n) => n.startsWith('workflows.custom'))).toBe(true)

    // The execution role pulls only the project's image repository.
    const exec = role(report, 'role/acme-exec')
    expect(statement(exec.permissionPolicy, 'PullImages').Resource).toEqual(['arn:aws:ecr:us-east-1:111122223333:repository/acme-prod-worker'])
    expect(exec.usedBy).toEqual(['jobDefinitions.work', 'jobDefinitions.other'])
  })

  it('lists every action the AWS adapters call (kept in sync with src/aws by reading its imports)', () => {
    const {config, definitions} = fullConfig()
    const report = projectPolicies(config, {env: 'prod', region: 'us-east-1', workflowDefinitions: definitions})
    const granted = new Set(report.deployer.Statement.flatMap((s) => s.Action))
    const prefix: Record<string, string> = {batch: 'batch', ecr: 'ecr', scheduler: 'scheduler', eventbridge: 'events', sfn: 'states', sts: 'sts', 'cloudwatch-logs': 'logs'}
    const needed = new Set<string>()
    const walk = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)]))
    for (const file of walk(join(repoRoot, 'src', 'aws')).filter((f) => f.endsWith('.ts') && !f.endsWith('clients.ts'))) {
      const text = readFileSync(file, 'utf8')
      for (const match of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*'@aws-sdk\/client-([a-z-]+)'/g)) {
        const service = prefix[match[2]!]
        if (!service) continue
        for (const name of match[1]!.split(',').map((n) => n.trim().replace(/^type\s+/, ''))) {
          const op = name.match(/^([A-Z][A-Za-z]+)Command$/)?.[1]
          if (op) needed.add(`${service}:${op}`)
        }
      }
    }
    expect(needed.size).toBeGreaterThan(30)
    expect([...needed].filter((action) => !granted.has(action)).sort()).toEqual([])
  })

  it('uses * for the account when no role ARN tells it, and --account when given', () => {
    const config = example('spot-array-pipeline')
    const bare: BatchConfig = {...config, defaults: {queue: 'spot'}, jobDefinitions: {}, workflows: {}, schedules: {}}
    const report = projectPolicies(bare, {region: 'us-east-1'})
    expect(report.account).toBe('*')
    expect(statement(report.deployer, 'BatchComputeEnvironments').Resource).toEqual(['arn:aws:batch:us-east-1:*:compute-environment/genomics-*'])
    expect(report.notes.some((n) => n.includes('--account'))).toBe(true)
    expect(projectPolicies(bare, {region: 'us-east-1', account: '999988887777'}).account).toBe('999988887777')
  })
})
