import {describe, expect, it} from 'vitest'
import type {AnyLiveResource, AnyResource, Resource} from '../../src/model/index.js'
import {executionOrder, formatSummary, plan, worstImpact, type Change, type Plan, type Step} from '../../src/plan/index.js'
import {
  computeEnvironment,
  eventRule,
  jobDefinition,
  jobQueue,
  liveImage,
  liveOf,
  model,
  ref,
  schedule,
  scheduleGroup,
  schedulingPolicy,
  snapshot,
  stateMachine,
} from './builders.js'

function allSteps(p: Plan): Step[] {
  return p.changes.flatMap((c) => c.steps)
}

/** The execution order holds every step once and respects every dependsOn. */
function expectTopological(p: Plan) {
  const seen = new Set<string>()
  const order = executionOrder(p)
  expect(order.map((s) => s.id).sort()).toEqual(allSteps(p).map((s) => s.id).sort())
  for (const step of order) {
    for (const dep of step.dependsOn) expect(seen, `${step.id} listed before ${dep}`).toContain(dep)
    seen.add(step.id)
  }
}

/** True when `a` must run before `b` (a path of dependsOn from b to a). */
function before(p: Plan, a: string, b: string): boolean {
  const byId = new Map(allSteps(p).map((s) => [s.id, s]))
  const stack = [b]
  const visited = new Set<string>()
  while (stack.length > 0) {
    const id = stack.pop()!
    if (id === a && id !== b) return true
    if (visited.has(id)) continue
    visited.add(id)
    stack.push(...(byId.get(id)?.dependsOn ?? []))
  }
  return false
}

const estate: AnyResource[] = [
  schedulingPolicy('fair'),
  computeEnvironment('spot'),
  jobQueue('default', ['spot'], {schedulingPolicy: ref('batch.schedulingPolicy', 'fair')}),
  jobDefinition('align'),
  scheduleGroup('crons'),
  schedule('nightly', 'crons', 'default', 'align'),
  eventRule('on-upload', 'default', 'align'),
  stateMachine('pipeline', {}),
]

describe('ordering', () => {
  it('creates dependencies before dependants, and leaves independent creates unordered', () => {
    const p = plan(model(estate), snapshot([]))
    expectTopological(p)
    expect(before(p, 'batch.computeEnvironment/spot#create', 'batch.jobQueue/default#create')).toBe(true)
    expect(before(p, 'batch.schedulingPolicy/fair#create', 'batch.jobQueue/default#create')).toBe(true)
    expect(before(p, 'batch.jobQueue/default#create', 'scheduler.schedule/nightly#create')).toBe(true)
    expect(before(p, 'scheduler.scheduleGroup/crons#create', 'scheduler.schedule/nightly#create')).toBe(true)
    expect(before(p, 'batch.jobDefinition/align#create', 'events.rule/on-upload#create')).toBe(true)
    // Independent: may run in parallel.
    expect(before(p, 'batch.jobDefinition/align#create', 'batch.computeEnvironment/spot#create')).toBe(false)
    expect(before(p, 'batch.computeEnvironment/spot#create', 'batch.jobDefinition/align#create')).toBe(false)
    expect(p.summary).toEqual({add: 8, change: 0, replace: 0, destroy: 0})
  })

  it('explicit dependsOn orders too', () => {
    const sm = stateMachine('pipeline', {})
    const withDep = {...sm, dependsOn: [{kind: 'batch.jobDefinition' as const, logicalName: 'align'}]}
    const p = plan(model([jobDefinition('align'), withDep]), snapshot([]))
    expect(p.changes.find((c) => c.kind === 'sfn.stateMachine')?.dependsOn).toEqual(['batch.jobDefinition/align'])
  })

  it('deletes dependants before their dependencies (schedule → queue → CE, disable before delete)', () => {
    const p = plan(model([]), liveImage(model(estate)))
    expectTopological(p)
    const del = (kind: string, name: string) => `-${kind}/${name}`
    expect(before(p, `${del('scheduler.schedule', 'genomics-crons/genomics-nightly')}#delete`, `${del('batch.jobQueue', 'genomics-default')}#disable`)).toBe(true)
    expect(before(p, `${del('events.rule', 'default/genomics-on-upload')}#delete`, `${del('batch.jobQueue', 'genomics-default')}#disable`)).toBe(true)
    expect(before(p, `${del('batch.jobQueue', 'genomics-default')}#delete`, `${del('batch.computeEnvironment', 'genomics-spot')}#disable`)).toBe(true)
    expect(before(p, `${del('batch.jobQueue', 'genomics-default')}#delete`, `${del('batch.schedulingPolicy', 'genomics-fair')}#delete`)).toBe(true)
    expect(before(p, `${del('batch.computeEnvironment', 'genomics-spot')}#disable`, `${del('batch.computeEnvironment', 'genomics-spot')}#delete`)).toBe(true)
    expect(p.summary).toEqual({add: 0, change: 0, replace: 0, destroy: 8})
  })

  it('a CE replace runs create new → queues attach new and detach old → disable old → delete old', () => {
    const ce = computeEnvironment('spot', {type: 'EC2', allocationStrategy: 'BEST_FIT'})
    const q = jobQueue('default', ['spot'])
    const other = jobQueue('other', ['spot'])
    const live = liveImage(model([ce, q, other]))
    const changed = computeEnvironment('spot', {type: 'EC2', allocationStrategy: 'BEST_FIT', instanceTypes: ['m5.large']})
    const p = plan(model([changed, q, other]), live)
    expectTopological(p)
    expect(p.errors).toEqual([])
    const replace = p.changes.find((c) => c.action === 'replace')!
    const newName = replace.physicalName
    expect(replace.steps.map((s) => [s.op, s.physicalName])).toEqual([
      ['create', newName],
      ['disable', 'genomics-spot'],
      ['delete', 'genomics-spot'],
    ])
    // Each queue that used the old CE is updated to the new one, between create and disable.
    const queueUpdates = p.changes.filter((c) => c.kind === 'batch.jobQueue')
    expect(queueUpdates.map((c) => [c.action, c.diffs])).toEqual(
      ['default', 'other'].map(() => ['update', [{path: 'computeEnvironmentOrder[0].computeEnvironment', before: 'genomics-spot', after: newName, sensitive: false}]]),
    )
    for (const u of queueUpdates) {
      expect(before(p, 'batch.computeEnvironment/spot#create-new', u.steps[0]!.id)).toBe(true)
      expect(before(p, u.steps[0]!.id, 'batch.computeEnvironment/spot#disable-old')).toBe(true)
    }
    expect(p.names['batch.computeEnvironment/spot']).toBe(newName)
    expect(p.summary).toEqual({add: 0, change: 2, replace: 1, destroy: 0})
    // Change-level dependencies are mutual here: apply schedules by steps.
    expect(replace.dependsOn.sort()).toEqual(['batch.jobQueue/default', 'batch.jobQueue/other'])
  })

  it('a CE replace whose queue is deleted waits for the queue deletion before removing the old CE', () => {
    const ce = computeEnvironment('spot', {type: 'EC2', allocationStrategy: 'BEST_FIT'})
    const q = jobQueue('default', ['spot'])
    const p = plan(model([computeEnvironment('spot', {type: 'EC2', allocationStrategy: 'BEST_FIT', subnets: ['subnet-new']})]), liveImage(model([ce, q])))
    expectTopological(p)
    expect(p.changes.map((c) => c.action).sort()).toEqual(['delete', 'replace'])
    expect(before(p, '-batch.jobQueue/genomics-default#delete', 'batch.computeEnvironment/spot#disable-old')).toBe(true)
  })

  it('a job queue losing its fair-share policy is replaced; the policy is deleted after the old queue', () => {
    const withPolicy = jobQueue('default', [], {schedulingPolicy: ref('batch.schedulingPolicy', 'fair')})
    const p = plan(model([jobQueue('default', [])]), liveImage(model([schedulingPolicy('fair'), withPolicy])))
    expectTopological(p)
    expect(p.changes.map((c) => c.action)).toEqual(['replace', 'delete'])
    expect(before(p, 'batch.jobQueue/default#delete-old', '-batch.schedulingPolicy/genomics-fair#delete')).toBe(true)
  })

  it('a renamed job definition registers under the new name first, re-points its schedule, then deregisters the old revisions', () => {
    const m = model([scheduleGroup('crons'), jobQueue('default', []), jobDefinition('align'), schedule('nightly', 'crons', 'default', 'align')])
    const renamed = model(m.resources.map((r) => (r.kind === 'batch.jobDefinition' ? {...r, physicalName: 'genomics-align-v2'} : r)))
    const p = plan(renamed, liveImage(m))
    expectTopological(p)
    const jd = p.changes.find((c) => c.kind === 'batch.jobDefinition')!
    expect(jd.steps.map((s) => [s.op, s.physicalName, s.revisions?.map((r) => r.revision)])).toEqual([
      ['create', 'genomics-align-v2', undefined],
      ['deregister-revisions', 'genomics-align', [1]],
    ])
    const sched = p.changes.find((c) => c.kind === 'scheduler.schedule')!
    expect(sched.diffs).toEqual([{path: 'target.jobDefinition', before: 'genomics-align', after: 'genomics-align-v2', sensitive: false}])
    expect(before(p, jd.steps[0]!.id, sched.steps[0]!.id)).toBe(true)
    expect(before(p, sched.steps[0]!.id, jd.steps[1]!.id)).toBe(true)
  })

  it('a dependency cycle is reported, not thrown', () => {
    const a = {...stateMachine('a', {}), dependsOn: [{kind: 'sfn.stateMachine' as const, logicalName: 'b'}]}
    const b = {...stateMachine('b', {}), dependsOn: [{kind: 'sfn.stateMachine' as const, logicalName: 'a'}]}
    const p = plan(model([a, b]), snapshot([]))
    expect(p.errors.map((e) => e.code)).toEqual(['dependency-cycle', 'dependency-cycle'])
    expect(p.changes).toHaveLength(2)
  })

  it('change ids are unique and every dependsOn names a change of the plan', () => {
    const m = model(estate)
    const half = liveImage(model(estate.slice(0, 4)))
    const extra = liveOf(jobQueue('gone', ['spot'])) as AnyLiveResource
    const p = plan(m, snapshot([...half.resources, extra]))
    const ids = p.changes.map((c: Change) => c.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const c of p.changes) for (const d of c.dependsOn) expect(ids).toContain(d)
    expectTopological(p)
  })
})

describe('summary and worst impact', () => {
  it('formats counts and reduces to the most disruptive change', () => {
    const ce = computeEnvironment('spot', {type: 'EC2', allocationStrategy: 'BEST_FIT'})
    const live = liveImage(model([ce, jobDefinition('align')]))
    const p = plan(model([computeEnvironment('spot', {type: 'EC2', allocationStrategy: 'BEST_FIT', imageId: 'ami-2'}), jobDefinition('align', {command: ['x']}), stateMachine('new', {})]), live)
    expect(formatSummary(p.summary)).toBe('1 to add, 1 to change, 1 to replace, 0 to destroy')
    expect(worstImpact(p.changes)).toBe('replace')
    expect(worstImpact([])).toBe('none')
    const infra = plan(model([computeEnvironment('spot', {imageId: 'ami-2'})]), liveImage(model([computeEnvironment('spot') as Resource as never])))
    expect(worstImpact(infra.changes)).toBe('infrastructure-update')
    expect(worstImpact(plan(model([]), live).changes)).toBe('delete')
  })
})
