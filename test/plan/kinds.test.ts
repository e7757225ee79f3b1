import {describe, expect, it} from 'vitest'
import type {AnyResource, Resource} from '../../src/model/index.js'
import {plan, type Change, type ReplaceChange, type UpdateChange} from '../../src/plan/index.js'
import {
  computeEnvironment,
  eventRule,
  fargateEnvironment,
  jobDefinition,
  jobQueue,
  liveOf,
  model,
  repository,
  schedule,
  scheduleGroup,
  schedulingPolicy,
  snapshot,
  stateMachine,
} from './builders.js'

/**
 * One resource planned alone: against nothing, against itself, against a changed version.
 * Schedules need a group the project owns (they cannot be tagged), so `crons` is always there.
 */
function planOne(desired: AnyResource, live?: Resource) {
  const group = scheduleGroup('crons')
  const result = plan(model([group, desired]), snapshot([liveOf(group), ...(live === undefined ? [] : [liveOf(live) as never])]))
  expect(result.errors).toEqual([])
  return result
}

function only(changes: Change[]): Change {
  expect(changes).toHaveLength(1)
  return changes[0]!
}

const everyKind: AnyResource[] = [
  computeEnvironment('spot'),
  jobQueue('default', []),
  schedulingPolicy('fair'),
  jobDefinition('align'),
  scheduleGroup('other'),
  resource('scheduler.schedule'),
  resource('events.rule'),
  stateMachine('pipeline'),
  repository('worker'),
]

function resource(kind: 'scheduler.schedule' | 'events.rule'): AnyResource {
  // Links to resources outside the one-resource model are external ARNs here.
  const ext = {
    jobQueue: {external: 'arn:aws:batch:us-east-1:123456789012:job-queue/q'},
    jobDefinition: {external: 'arn:aws:batch:us-east-1:123456789012:job-definition/j:1'},
  }
  if (kind === 'scheduler.schedule') {
    const s = schedule('nightly', 'g', 'q', 'j')
    return {...s, spec: {...s.spec, group: {external: 'genomics-crons'}, target: {type: 'batch.submitJob', jobName: 'nightly', ...ext}}}
  }
  const r = eventRule('on-upload', 'q', 'j')
  return {...r, spec: {...r.spec, targets: [{id: 't', roleArn: 'arn:aws:iam::123456789012:role/events', invoke: {type: 'batch.submitJob', jobName: 'x', ...ext}}]}}
}

describe('every kind', () => {
  it.each(everyKind.map((r) => [r.kind, r] as const))('%s: absent → create, listing its fields', (_kind, desired) => {
    const change = only(planOne(desired).changes)
    expect(change.action).toBe('create')
    expect(change.physicalName).toBe(desired.physicalName)
    if (desired.kind !== 'scheduler.scheduleGroup') expect(change.diffs.length).toBeGreaterThan(0)
    expect(change.diffs.every((d) => d.before === undefined)).toBe(true)
  })

  it.each(everyKind.map((r) => [r.kind, r] as const))('%s: live image of itself → no change', (_kind, desired) => {
    expect(planOne(desired, desired as Resource).changes).toEqual([])
  })

  it.each(everyKind.filter((r) => r.kind !== 'scheduler.schedule').map((r) => [r.kind, r] as const))('%s: a user tag change updates in place', (_kind, desired) => {
    const change = only(planOne({...desired, tags: {team: 'b'}} as AnyResource, {...desired, tags: {team: 'a'}} as Resource).changes) as UpdateChange
    expect(change.action).toBe('update')
    expect(change.flavour).toBe('in-place')
    expect(change.diffs).toEqual([{path: 'tags.team', before: 'a', after: 'b', sensitive: false}])
  })

  it.each(everyKind.filter((r) => r.kind !== 'scheduler.schedule').map((r) => [r.kind, r] as const))('%s: a rename replaces, creating the new name first', (_kind, desired) => {
    const renamed = {...desired, physicalName: `${desired.physicalName}-v2`} as AnyResource
    const change = only(planOne(renamed, desired as Resource).changes) as ReplaceChange
    expect(change.action).toBe('replace')
    expect(change.forcedBy).toEqual(['name'])
    expect(change.physicalName).toBe(`${desired.physicalName}-v2`)
    expect(change.oldPhysicalName).toBe(desired.physicalName)
  })
})

describe('batch.computeEnvironment', () => {
  const base = computeEnvironment('spot')
  const decide = (desired: AnyResource, live: Resource = base) => only(planOne(desired, live).changes)

  it.each([
    ['maxvCpus', {maxvCpus: 512}],
    ['minvCpus', {minvCpus: 4}],
  ])('%s updates in place (scaling update)', (_f, cr) => {
    const change = decide(computeEnvironment('spot', cr)) as UpdateChange
    expect(change.action).toBe('update')
    expect(change.flavour).toBe('in-place')
  })

  it('state updates in place', () => {
    const change = decide(computeEnvironment('spot', {}, {state: 'DISABLED'})) as UpdateChange
    expect([change.action, change.flavour]).toEqual(['update', 'in-place'])
    expect(change.diffs).toEqual([{path: 'state', before: 'ENABLED', after: 'DISABLED', sensitive: false}])
  })

  it.each([
    ['instanceTypes', {instanceTypes: ['c5.large']}],
    ['subnets', {subnets: ['subnet-0def']}],
    ['securityGroupIds', {securityGroupIds: ['sg-0def']}],
    ['allocationStrategy', {allocationStrategy: 'SPOT_CAPACITY_OPTIMIZED' as const}],
    ['launchTemplate', {launchTemplate: {launchTemplateName: 'lt'}}],
    ['imageId', {imageId: 'ami-1'}],
    ['bidPercentage', {bidPercentage: 60}],
    ['instanceRole', {instanceRole: 'otherRole'}],
  ])('%s is an infrastructure update with the service-linked role and an eligible strategy', (_f, cr) => {
    const change = decide(computeEnvironment('spot', cr)) as UpdateChange
    expect([change.action, change.flavour]).toEqual(['update', 'infrastructure-update'])
  })

  it('infrastructure fields replace when the allocation strategy is BEST_FIT', () => {
    const live = computeEnvironment('spot', {type: 'EC2', allocationStrategy: 'BEST_FIT'})
    const change = decide(computeEnvironment('spot', {type: 'EC2', allocationStrategy: 'BEST_FIT', instanceTypes: ['c5.large']}), live) as ReplaceChange
    expect(change.action).toBe('replace')
    expect(change.forcedBy).toEqual(['computeResources.instanceTypes'])
  })

  it('infrastructure fields replace when the CE uses a regular service role', () => {
    const role = {serviceRole: 'arn:aws:iam::123456789012:role/batch'}
    const change = decide(computeEnvironment('spot', {subnets: ['subnet-0def']}, role), computeEnvironment('spot', {}, role)) as ReplaceChange
    expect(change.action).toBe('replace')
    expect(change.forcedBy).toEqual(['computeResources.subnets'])
  })

  it('EC2 <-> SPOT is an infrastructure update when eligible', () => {
    const change = decide(computeEnvironment('spot', {type: 'EC2', allocationStrategy: 'BEST_FIT_PROGRESSIVE'})) as UpdateChange
    expect([change.action, change.flavour]).toEqual(['update', 'infrastructure-update'])
  })

  it.each([
    ['CE type MANAGED → UNMANAGED', {type: 'UNMANAGED' as const, computeResources: undefined}, ['type', 'computeResources.subnets']],
    ['serviceRole', {serviceRole: 'arn:aws:iam::123456789012:role/batch'}, ['serviceRole']],
  ])('%s always replaces', (_f, top, forced) => {
    const desired = {...base, spec: {...base.spec, ...top}} as AnyResource
    const change = decide(desired) as ReplaceChange
    expect(change.action).toBe('replace')
    for (const path of forced) expect(change.forcedBy).toContain(path)
  })

  it('EC2 → FARGATE replaces', () => {
    const change = decide(fargateEnvironment('spot')) as ReplaceChange
    expect(change.action).toBe('replace')
    expect(change.forcedBy).toContain('computeResources.type')
  })

  it('Fargate: subnets and security groups update in place, FARGATE → FARGATE_SPOT replaces', () => {
    const live = fargateEnvironment('f')
    const inPlace = decide(fargateEnvironment('f', {subnets: ['subnet-9'], securityGroupIds: ['sg-9'], maxvCpus: 8}), live) as UpdateChange
    expect([inPlace.action, inPlace.flavour]).toEqual(['update', 'in-place'])
    const replace = decide(fargateEnvironment('f', {type: 'FARGATE_SPOT'}), live) as ReplaceChange
    expect(replace.action).toBe('replace')
    expect(replace.forcedBy).toEqual(['computeResources.type'])
  })

  it('a replace of a CE keeping its name creates `<name>-<hash8>` first', () => {
    const live = computeEnvironment('spot', {type: 'EC2', allocationStrategy: 'BEST_FIT'})
    const change = decide(computeEnvironment('spot', {type: 'EC2', allocationStrategy: 'BEST_FIT', instanceTypes: ['m5.large']}), live) as ReplaceChange
    expect(change.order).toBe('create-before-delete')
    expect(change.physicalName).toMatch(/^genomics-spot-[0-9a-f]{8}$/)
    expect(change.diffs[0]).toEqual({path: 'name', before: 'genomics-spot', after: change.physicalName, sensitive: false})
  })
})

describe('batch.jobQueue', () => {
  const withPolicy = jobQueue('q', [], {schedulingPolicy: {external: 'arn:aws:batch:us-east-1:123456789012:scheduling-policy/fair'}})
  const withOther = jobQueue('q', [], {schedulingPolicy: {external: 'arn:aws:batch:us-east-1:123456789012:scheduling-policy/fair2'}})
  const fifo = jobQueue('q', [])

  it('priority, state and CE order update in place', () => {
    const live = jobQueue('q', [], {computeEnvironmentOrder: [{order: 1, computeEnvironment: {external: 'a'}}]})
    const desired = jobQueue('q', [], {priority: 50, state: 'DISABLED', computeEnvironmentOrder: [{order: 1, computeEnvironment: {external: 'b'}}]})
    const change = only(planOne(desired, live).changes) as UpdateChange
    expect([change.action, change.flavour]).toEqual(['update', 'in-place'])
    expect(change.diffs.map((d) => d.path)).toEqual(['computeEnvironmentOrder[0].computeEnvironment', 'priority', 'state'])
  })

  it('a fair-share policy can be replaced by another in place', () => {
    const change = only(planOne(withOther, withPolicy).changes) as UpdateChange
    expect([change.action, change.flavour]).toEqual(['update', 'in-place'])
    expect(change.diffs).toEqual([{path: 'schedulingPolicy', before: 'fair', after: 'fair2', sensitive: false}])
  })

  it('removing the fair-share policy replaces', () => {
    const change = only(planOne(fifo, withPolicy).changes) as ReplaceChange
    expect(change.action).toBe('replace')
    expect(change.forcedBy).toEqual(['schedulingPolicy'])
    expect(change.physicalName).toMatch(/^genomics-q-[0-9a-f]{8}$/)
  })

  it('adding a fair-share policy to a FIFO queue replaces', () => {
    const change = only(planOne(withPolicy, fifo).changes) as ReplaceChange
    expect(change.action).toBe('replace')
    expect(change.forcedBy).toEqual(['schedulingPolicy'])
  })
})

describe('batch.schedulingPolicy', () => {
  it('share distribution updates in place', () => {
    const change = only(planOne(schedulingPolicy('fair', {fairsharePolicy: {shareDistribution: [{shareIdentifier: 'a', weightFactor: 0.5}]}}), schedulingPolicy('fair')).changes) as UpdateChange
    expect([change.action, change.flavour]).toEqual(['update', 'in-place'])
    expect(change.diffs).toEqual([{path: 'fairsharePolicy.shareDistribution[shareIdentifier=a].weightFactor', before: 1, after: 0.5, sensitive: false}])
  })
})

describe('batch.jobDefinition', () => {
  it('any change registers a new revision (an update of flavour new-revision)', () => {
    const change = only(planOne(jobDefinition('align', {command: ['python', 'align2.py']}), jobDefinition('align')).changes) as UpdateChange
    expect([change.action, change.flavour]).toEqual(['update', 'new-revision'])
    expect(change.steps.map((s) => s.op)).toEqual(['register-revision'])
  })

  it('keeps one previous ACTIVE revision by default and deregisters older ones', () => {
    const live = liveOf(jobDefinition('align'), {revision: 4})
    live.revisions = [4, 3, 2, 1].map((revision) => ({revision, arn: `arn:aws:batch:us-east-1:123456789012:job-definition/genomics-align:${revision}`, status: revision === 1 ? 'INACTIVE' : 'ACTIVE'}))
    const desired = jobDefinition('align', {command: ['new']})
    const change = only(plan(model([desired]), snapshot([live])).changes) as UpdateChange
    expect(change.deregisterRevisions?.map((r) => r.revision)).toEqual([3, 2])
    expect(change.steps.map((s) => s.op)).toEqual(['register-revision', 'deregister-revisions'])
    const keepTwo = only(plan(model([desired]), snapshot([live]), {keepRevisions: 2}).changes) as UpdateChange
    expect(keepTwo.deregisterRevisions?.map((r) => r.revision)).toEqual([2])
  })

  it('environment values with secret-looking names are sensitive and never copied into diffs', () => {
    const live = jobDefinition('align', {environment: [{name: 'DB_PASSWORD', value: 'hunter2'}, {name: 'LOG_LEVEL', value: 'info'}]})
    const desired = jobDefinition('align', {environment: [{name: 'DB_PASSWORD', value: 'correct-horse'}, {name: 'LOG_LEVEL', value: 'debug'}]})
    const change = only(planOne(desired, live).changes)
    expect(change.diffs).toEqual([
      {path: 'containerProperties.environment[name=DB_PASSWORD].value', before: '(sensitive)', after: '(sensitive)', sensitive: true},
      {path: 'containerProperties.environment[name=LOG_LEVEL].value', before: 'info', after: 'debug', sensitive: false},
    ])
    expect(JSON.stringify(change.diffs)).not.toContain('hunter2')
  })

  it('a multi-node range diffed whole is sensitive when its container holds a secret-looking variable', () => {
    const node = (targetNodes: string, value: string) => ({targetNodes, container: {image: 'w', environment: [{name: 'SECRET_KEY', value}]}})
    const live = jobDefinition('mnp', {}, {type: 'multinode', containerProperties: undefined, nodeProperties: {numNodes: 2, mainNode: 0, nodeRangeProperties: [node('0', 'old')]}})
    const desired = jobDefinition('mnp', {}, {type: 'multinode', containerProperties: undefined, nodeProperties: {numNodes: 2, mainNode: 0, nodeRangeProperties: [node('0', 'old'), node('1:', 'topsecret')]}})
    const change = only(planOne(desired, live).changes)
    expect(change.diffs).toEqual([{path: 'nodeProperties.nodeRangeProperties[targetNodes=1:]', before: undefined, after: '(sensitive)', sensitive: true}])
  })

  it('a new secret-looking variable on create is sensitive too', () => {
    const change = only(planOne(jobDefinition('align', {environment: [{name: 'API_TOKEN', value: 's3cr3t'}]})).changes)
    expect(change.diffs.find((d) => d.path.includes('API_TOKEN'))).toEqual({path: 'containerProperties.environment[name=API_TOKEN]', before: undefined, after: '(sensitive)', sensitive: true})
    expect(JSON.stringify(change.diffs)).not.toContain('s3cr3t')
  })
})

describe('scheduler, events, step functions, ecr', () => {
  const sched = resource('scheduler.schedule') as Resource<'scheduler.schedule'>
  const rule = resource('events.rule') as Resource<'events.rule'>

  it('a renamed schedule cannot be found by tag (schedules have none): create the new one, delete the old one', () => {
    const renamed = {...sched, physicalName: 'nightly-v2'}
    const result = planOne(renamed, sched)
    expect(result.changes.map((c) => [c.action, c.physicalName])).toEqual([
      ['create', 'nightly-v2'],
      ['delete', 'genomics-nightly'],
    ])
  })

  it('a schedule expression change updates in place; a move to another group is create + delete', () => {
    const expr = only(planOne({...sched, spec: {...sched.spec, scheduleExpression: 'rate(1 hour)'}}, sched).changes) as UpdateChange
    expect([expr.action, expr.flavour]).toEqual(['update', 'in-place'])
    expect(expr.diffs).toEqual([{path: 'scheduleExpression', before: 'cron(0 2 * * ? *)', after: 'rate(1 hour)', sensitive: false}])
    const crons = scheduleGroup('crons')
    const other = scheduleGroup('other')
    const movedSched = {...sched, spec: {...sched.spec, group: {external: 'genomics-other'}}}
    const moved = plan(model([crons, other, movedSched]), snapshot([liveOf(crons), liveOf(other), liveOf(sched) as never]))
    expect(moved.errors).toEqual([])
    expect(moved.changes.map((c) => [c.action, c.id])).toEqual([
      ['create', 'scheduler.schedule/nightly'],
      ['delete', '-scheduler.schedule/genomics-crons/genomics-nightly'],
    ])
  })

  it('a rule pattern or target change updates in place; another event bus replaces', () => {
    const pattern = only(planOne({...rule, spec: {...rule.spec, eventPattern: {source: ['aws.ec2']}}}, rule).changes) as UpdateChange
    expect([pattern.action, pattern.flavour]).toEqual(['update', 'in-place'])
    const bus = only(planOne({...rule, spec: {...rule.spec, eventBusName: 'custom'}}, rule).changes) as ReplaceChange
    expect(bus.action).toBe('replace')
    expect(bus.forcedBy).toEqual(['eventBusName'])
  })

  it('a state machine definition updates in place; a type change replaces under a generated name', () => {
    const sm = stateMachine('pipeline')
    const def = only(planOne(stateMachine('pipeline', {definition: {StartAt: 'x', States: {x: {Type: 'Succeed'}}}}), sm).changes) as UpdateChange
    expect([def.action, def.flavour]).toEqual(['update', 'in-place'])
    const type = only(planOne(stateMachine('pipeline', {type: 'EXPRESS'}), sm).changes) as ReplaceChange
    expect(type.forcedBy).toEqual(['type'])
    expect(type.physicalName).toMatch(/^genomics-pipeline-[0-9a-f]{8}$/)
  })

  it('an ECR tag mutability change updates in place; an encryption change replaces, deleting first', () => {
    const repo = repository('worker')
    const mut = only(planOne(repository('worker', {imageTagMutability: 'IMMUTABLE'}), repo).changes) as UpdateChange
    expect([mut.action, mut.flavour]).toEqual(['update', 'in-place'])
    const enc = only(planOne(repository('worker', {encryptionConfiguration: {encryptionType: 'KMS', kmsKey: 'arn:aws:kms:us-east-1:123456789012:key/k'}}), repo).changes) as ReplaceChange
    expect(enc.order).toBe('delete-before-create')
    expect(enc.physicalName).toBe('genomics-worker')
    expect(enc.steps.map((s) => s.op)).toEqual(['delete', 'create'])
  })
})
