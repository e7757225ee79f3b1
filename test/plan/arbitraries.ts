/** fast-check arbitraries for whole models with consistent links. */
import fc from 'fast-check'
import type {AnyResource, Link, ResourceKind} from '../../src/model/index.js'
import {ACCOUNT, PROJECT, ref, resource} from './builders.js'

const NAMES = ['a', 'b', 'c'] as const
const name = fc.constantFrom(...NAMES)

const subset = <T>(values: readonly T[]) => fc.subarray([...values], {minLength: 1})
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, {nil: undefined})

const computeEnvironment = fc.record({
  logicalName: name,
  physicalName: fc.constant(''),
  type: fc.constantFrom('EC2', 'SPOT', 'FARGATE'),
  allocationStrategy: fc.constantFrom(undefined, 'BEST_FIT', 'BEST_FIT_PROGRESSIVE', 'SPOT_CAPACITY_OPTIMIZED'),
  maxvCpus: fc.constantFrom(16, 256),
  minvCpus: optional(fc.constantFrom(0, 4)),
  instanceTypes: subset(['optimal', 'c5', 'm5']),
  subnets: subset(['subnet-1', 'subnet-2']),
  securityGroupIds: optional(subset(['sg-1', 'sg-2'])),
  serviceRole: optional(fc.constant(`arn:aws:iam::${ACCOUNT}:role/batch`)),
  state: optional(fc.constantFrom('ENABLED', 'DISABLED')),
  tags: fc.dictionary(fc.constantFrom('team', 'cost'), fc.constantFrom('x', 'y'), {maxKeys: 2}),
})

const jobDefinition = fc.record({
  logicalName: name,
  fargate: fc.boolean(),
  vcpus: fc.constantFrom(1, 2),
  memory: fc.constantFrom(2048, 4096),
  command: optional(fc.constantFrom(['a'], ['a', 'b'])),
  environment: fc.uniqueArray(fc.record({name: fc.constantFrom('A', 'B', 'DB_PASSWORD'), value: fc.constantFrom('', '1', '2')}), {selector: (e) => e.name, maxLength: 3}),
  attempts: optional(fc.constantFrom(1, 3)),
})

const queue = fc.record({
  logicalName: name,
  priority: fc.constantFrom(1, 10),
  state: optional(fc.constantFrom('ENABLED', 'DISABLED')),
  ces: fc.uniqueArray(name, {maxLength: 3}),
  policy: optional(name),
})

const schedule = fc.record({
  logicalName: name,
  queue: name,
  job: name,
  expression: fc.constantFrom('cron(0 2 * * ? *)', 'rate(1 hour)'),
  timezone: optional(fc.constantFrom('UTC', 'Europe/Berlin')),
})

const rule = fc.record({
  logicalName: name,
  queue: name,
  job: name,
  source: fc.constantFrom('aws.s3', 'aws.ec2'),
  bus: optional(fc.constantFrom('default', 'custom')),
})

const machine = fc.record({
  logicalName: name,
  type: optional(fc.constantFrom('STANDARD', 'EXPRESS')),
  end: fc.constantFrom('Succeed', 'Pass'),
})

const repo = fc.record({
  logicalName: name,
  mutability: optional(fc.constantFrom('MUTABLE', 'IMMUTABLE')),
  kms: fc.boolean(),
})

const policy = fc.record({logicalName: name, weight: optional(fc.constantFrom(0.5, 1, 2))})

const unique = <T extends {logicalName: string}>(arb: fc.Arbitrary<T>) => fc.uniqueArray(arb, {selector: (x) => x.logicalName, maxLength: 3})

/** Resources of every kind with links among them; dangling picks become external links. */
export const resourcesArb: fc.Arbitrary<AnyResource[]> = fc
  .record({
    ces: unique(computeEnvironment),
    // Per resource: 0/1 keep the default physical name, 2 renames it (`-v2`).
    physical: fc.array(fc.nat(2), {minLength: 40, maxLength: 40}),
    policies: unique(policy),
    queues: unique(queue),
    jobs: unique(jobDefinition),
    schedules: unique(schedule),
    rules: unique(rule),
    machines: unique(machine),
    repos: unique(repo),
  })
  .map((g) => {
    let n = 0
    const phys = (logical: string) => {
      const pick = g.physical[n++ % g.physical.length] ?? 0
      return pick === 2 ? `${PROJECT}-${logical}-v2` : `${PROJECT}-${logical}`
    }
    const has = (kind: ResourceKind, logical: string, list: ReadonlyArray<{logicalName: string}>) =>
      list.some((x) => x.logicalName === logical) ? ref(kind, logical) : ({external: `arn:aws:batch:us-east-1:${ACCOUNT}:${kind === 'batch.jobQueue' ? 'job-queue' : 'job-definition'}/external-${logical}`} as Link)
    const out: AnyResource[] = []
    for (const c of g.ces) {
      const fargate = c.type === 'FARGATE'
      out.push(
        resource(
          'batch.computeEnvironment',
          c.logicalName,
          {
            type: 'MANAGED',
            ...(c.state === undefined ? {} : {state: c.state as 'ENABLED'}),
            ...(c.serviceRole === undefined ? {} : {serviceRole: c.serviceRole}),
            computeResources: {
              type: c.type as 'EC2',
              ...(fargate || c.allocationStrategy === undefined ? {} : {allocationStrategy: c.allocationStrategy as 'BEST_FIT'}),
              maxvCpus: c.maxvCpus,
              ...(fargate || c.minvCpus === undefined ? {} : {minvCpus: c.minvCpus}),
              ...(fargate ? {} : {instanceTypes: c.instanceTypes}),
              subnets: c.subnets,
              ...(c.securityGroupIds === undefined ? {} : {securityGroupIds: c.securityGroupIds}),
            },
          },
          {physicalName: phys(c.logicalName), tags: c.tags},
        ),
      )
    }
    for (const p of g.policies) {
      out.push(resource('batch.schedulingPolicy', p.logicalName, {fairsharePolicy: {shareDistribution: [{shareIdentifier: 'x', ...(p.weight === undefined ? {} : {weightFactor: p.weight})}]}}, {physicalName: phys(p.logicalName)}))
    }
    for (const q of g.queues) {
      const ces = q.ces.filter((ce) => g.ces.some((c) => c.logicalName === ce))
      const usePolicy = q.policy !== undefined && g.policies.some((p) => p.logicalName === q.policy)
      out.push(
        resource(
          'batch.jobQueue',
          q.logicalName,
          {
            priority: q.priority,
            ...(q.state === undefined ? {} : {state: q.state as 'ENABLED'}),
            computeEnvironmentOrder: ces.map((ce, i) => ({order: i + 1, computeEnvironment: ref('batch.computeEnvironment', ce)})),
            ...(usePolicy ? {schedulingPolicy: ref('batch.schedulingPolicy', q.policy!)} : {}),
          },
          {physicalName: phys(q.logicalName)},
        ),
      )
    }
    for (const j of g.jobs) {
      out.push(
        resource(
          'batch.jobDefinition',
          j.logicalName,
          {
            type: 'container',
            ...(j.fargate ? {platformCapabilities: ['FARGATE' as const]} : {}),
            containerProperties: {
              image: 'worker:1',
              vcpus: j.vcpus,
              memory: j.memory,
              ...(j.command === undefined ? {} : {command: [...j.command]}),
              environment: j.environment,
              ...(j.fargate ? {executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/exec`} : {}),
            },
            ...(j.attempts === undefined ? {} : {retryStrategy: {attempts: j.attempts}}),
          },
          {physicalName: phys(j.logicalName)},
        ),
      )
    }
    if (g.schedules.length > 0) out.push(resource('scheduler.scheduleGroup', 'crons', {}))
    for (const s of g.schedules) {
      out.push(
        resource(
          'scheduler.schedule',
          s.logicalName,
          {
            group: ref('scheduler.scheduleGroup', 'crons'),
            scheduleExpression: s.expression,
            ...(s.timezone === undefined ? {} : {scheduleExpressionTimezone: s.timezone}),
            roleArn: `arn:aws:iam::${ACCOUNT}:role/scheduler`,
            target: {type: 'batch.submitJob', jobQueue: has('batch.jobQueue', s.queue, g.queues), jobDefinition: has('batch.jobDefinition', s.job, g.jobs), jobName: s.logicalName},
          },
          {physicalName: phys(s.logicalName)},
        ),
      )
    }
    for (const r of g.rules) {
      out.push(
        resource(
          'events.rule',
          r.logicalName,
          {
            ...(r.bus === undefined ? {} : {eventBusName: r.bus}),
            eventPattern: {source: [r.source]},
            targets: [{id: 'submit', roleArn: `arn:aws:iam::${ACCOUNT}:role/events`, invoke: {type: 'batch.submitJob', jobQueue: has('batch.jobQueue', r.queue, g.queues), jobDefinition: has('batch.jobDefinition', r.job, g.jobs), jobName: r.logicalName}}],
          },
          {physicalName: phys(r.logicalName)},
        ),
      )
    }
    for (const m of g.machines) {
      out.push(
        resource(
          'sfn.stateMachine',
          m.logicalName,
          {definition: {StartAt: 's', States: {s: {Type: m.end, ...(m.end === 'Pass' ? {End: true} : {})}}}, roleArn: `arn:aws:iam::${ACCOUNT}:role/sfn`, ...(m.type === undefined ? {} : {type: m.type as 'STANDARD'})},
          {physicalName: phys(m.logicalName)},
        ),
      )
    }
    for (const r of g.repos) {
      out.push(
        resource(
          'ecr.repository',
          r.logicalName,
          {
            ...(r.mutability === undefined ? {} : {imageTagMutability: r.mutability as 'MUTABLE'}),
            ...(r.kms ? {encryptionConfiguration: {encryptionType: 'KMS' as const, kmsKey: `arn:aws:kms:us-east-1:${ACCOUNT}:key/k`}} : {}),
          },
          {physicalName: `${PROJECT}/${r.logicalName}`},
        ),
      )
    }
    return out
  })
