import {describe, expect, it} from 'vitest'
import type {AnyLiveResource, Resource} from '../../src/model/index.js'
import {plan} from '../../src/plan/index.js'
import {computeEnvironment, jobDefinition, jobQueue, liveOf, model, schedule, scheduleGroup, snapshot} from './builders.js'

describe('ownership', () => {
  const q = jobQueue('default', [])

  it('a wanted name held by a resource without ownership tags is a conflict, never a change', () => {
    const result = plan(model([q]), snapshot([liveOf(q, {owner: null})]))
    expect(result.changes).toEqual([])
    expect(result.errors).toEqual([
      {
        code: 'conflict',
        kind: 'batch.jobQueue',
        logicalName: 'default',
        physicalName: 'genomics-default',
        message: 'batch.jobQueue genomics-default already exists and is not managed by batchctl',
        hints: ['adopt it with `batchctl import batch.jobQueue default`', 'or give the resource another name in batch.yaml'],
      },
    ])
  })

  it('a wanted name held by another project, or another env of this one, is a conflict naming the owner', () => {
    const other = plan(model([q]), snapshot([liveOf(q, {owner: {project: 'proteomics'}})]))
    expect(other.errors.map((e) => e.message)).toEqual(['batch.jobQueue genomics-default already exists and belongs to project proteomics'])
    const otherEnv = plan(model([q], 'prod'), snapshot([liveOf(q, {owner: {project: 'genomics', env: 'dev'}})]))
    expect(otherEnv.errors.map((e) => [e.code, e.message])).toEqual([['conflict', 'batch.jobQueue genomics-default already exists and belongs to project genomics (env dev)']])
    expect(otherEnv.changes).toEqual([])
  })

  it('resources of the same project and env match; a different env does not own them', () => {
    expect(plan(model([q], 'prod'), snapshot([liveOf(q, {env: 'prod'})])).changes).toEqual([])
    expect(plan(model([q], 'prod'), snapshot([liveOf(q)])).errors.map((e) => e.code)).toEqual(['conflict'])
  })

  it('a schedule in a group this project does not own is a conflict (schedules inherit ownership from their group)', () => {
    const group = scheduleGroup('crons')
    const s = schedule('nightly', 'crons', 'default', 'align')
    const m = model([group, q, jobDefinition('align'), s])
    const live = [liveOf(group, {owner: null}), liveOf(q), liveOf(jobDefinition('align')), liveOf(s)] as AnyLiveResource[]
    const result = plan(m, snapshot(live))
    expect(result.errors.map((e) => [e.code, e.kind])).toEqual([
      ['conflict', 'scheduler.scheduleGroup'],
      ['conflict', 'scheduler.schedule'],
    ])
    expect(result.changes).toEqual([])
  })

  it('a schedule in a group the model does not define is an error (it could never be owned)', () => {
    const s = schedule('nightly', 'crons', 'default', 'align')
    const outside = {...s, spec: {...s.spec, group: {external: 'default'}}}
    const result = plan(model([q, jobDefinition('align'), outside]), snapshot([]))
    expect(result.errors.map((e) => [e.code, e.logicalName])).toEqual([['unmanaged-schedule-group', 'nightly']])
  })

  it('duplicate physical names in the model and references to undefined resources are errors', () => {
    const a = jobQueue('a', [])
    const b = {...jobQueue('b', ['missing']), physicalName: a.physicalName}
    const result = plan(model([a, b]), snapshot([]))
    expect(result.errors.map((e) => e.code).sort()).toEqual(['dangling-reference', 'duplicate-name'])
  })
})

describe('deletes', () => {
  it('owned resources absent from the model are deleted; unowned ones are left alone', () => {
    const q = jobQueue('old', [])
    const foreign = jobQueue('theirs', [])
    const result = plan(model([]), snapshot([liveOf(q), liveOf(foreign, {owner: {project: 'other'}}), liveOf(jobQueue('untagged', []), {owner: null})]))
    expect(result.errors).toEqual([])
    expect(result.changes.map((c) => [c.action, c.physicalName, c.logicalName])).toEqual([['delete', 'genomics-old', 'old']])
    expect(result.summary).toEqual({add: 0, change: 0, replace: 0, destroy: 1})
  })

  it('a job queue is disabled before it is deleted; a job definition delete deregisters its ACTIVE revisions', () => {
    const jd = liveOf(jobDefinition('old'), {revision: 3})
    jd.revisions = [
      {revision: 3, arn: 'arn:aws:batch:us-east-1:123456789012:job-definition/genomics-old:3', status: 'ACTIVE'},
      {revision: 2, arn: 'arn:aws:batch:us-east-1:123456789012:job-definition/genomics-old:2', status: 'ACTIVE'},
      {revision: 1, arn: 'arn:aws:batch:us-east-1:123456789012:job-definition/genomics-old:1', status: 'INACTIVE'},
    ]
    const result = plan(model([]), snapshot([liveOf(jobQueue('q', [])), jd]))
    const steps = Object.fromEntries(result.changes.map((c) => [c.kind, c.steps.map((s) => [s.op, s.revisions?.map((r) => r.revision)])]))
    expect(steps['batch.jobQueue']).toEqual([
      ['disable', undefined],
      ['delete', undefined],
    ])
    expect(steps['batch.jobDefinition']).toEqual([['deregister-revisions', [3, 2]]])
  })

  it('an owned schedule in an owned group is deleted with it, schedule first', () => {
    const group = scheduleGroup('crons')
    const s = schedule('nightly', 'crons', 'q', 'align')
    const result = plan(model([]), snapshot([liveOf(group), liveOf(s) as AnyLiveResource]))
    expect(result.changes.map((c) => [c.action, c.kind])).toEqual([
      ['delete', 'scheduler.schedule'],
      ['delete', 'scheduler.scheduleGroup'],
    ])
    const groupDelete = result.changes[1]!.steps[0]!
    expect(groupDelete.dependsOn).toEqual([result.changes[0]!.steps[0]!.id])
  })

  it('after a CE replace left the old CE behind (failed apply), the leftover is deleted and the tagged one kept', () => {
    const ce = computeEnvironment('spot')
    const current = liveOf(ce, {physicalName: 'genomics-spot-0123abcd'})
    const leftover = liveOf(ce)
    const result = plan(model([ce]), snapshot([current, leftover] as AnyLiveResource[]))
    // The name match wins: genomics-spot is kept, the generated one is an orphan.
    expect(result.changes.map((c) => [c.action, c.physicalName])).toEqual([['delete', 'genomics-spot-0123abcd']])
  })

  it('a replaced CE found by its logical-name tag under its generated name is not renamed back', () => {
    const ce = computeEnvironment('spot') as Resource
    expect(plan(model([ce as never]), snapshot([liveOf(ce, {physicalName: 'genomics-spot-0123abcd'}) as AnyLiveResource])).changes).toEqual([])
  })
})

describe('adoption (batchctl import)', () => {
  const q = {...jobQueue('default', []), tags: {team: 'x'}}

  it('an unowned resource named in `adopt` is planned as ours: an in-place update writing the ownership tags', () => {
    const live = liveOf(q, {owner: null, tags: {legacy: 'yes'}})
    const result = plan(model([q]), snapshot([live]), {adopt: ['batch.jobQueue/default']})
    expect(result.errors).toEqual([])
    const change = result.changes[0]!
    expect(change.action === 'update' && change.flavour).toBe('in-place')
    expect(change.diffs.map((d) => [d.path, d.before, d.after])).toEqual([
      ['tags.batchctl:logical-name', undefined, 'default'],
      ['tags.batchctl:project', undefined, 'genomics'],
      ['tags.batchctl:spec-hash', undefined, change.action === 'update' ? change.specHash : ''],
      ['tags.legacy', 'yes', undefined],
    ])
    // Once tagged, it is simply ours: a plan without `adopt` is empty.
    const tagged = {...live, tags: change.action === 'update' ? change.tags : {}}
    expect(plan(model([q]), snapshot([tagged])).changes).toEqual([])
  })

  it('adoption also carries real spec differences, and never takes another project’s resource', () => {
    const live = liveOf({...q, spec: {...q.spec, priority: 1}}, {owner: null})
    const adopted = plan(model([q]), snapshot([live]), {adopt: ['batch.jobQueue/default']})
    expect(adopted.changes[0]?.diffs.map((d) => d.path)).toContain('priority')
    const theirs = plan(model([q]), snapshot([liveOf(q, {owner: {project: 'other'}})]), {adopt: ['batch.jobQueue/default']})
    expect(theirs.changes).toEqual([])
    expect(theirs.errors.map((e) => e.code)).toEqual(['conflict'])
  })
})
