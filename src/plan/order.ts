import {assertNever} from '../errors.js'
import {
  RESOURCE_KINDS,
  collectExternals,
  collectRefs,
  kindFromArn,
  nameFromArn,
  refKey,
  type AnyLiveResource,
  type LiveSnapshot,
} from '../model/index.js'
import type {Change, PlanError, Step, StepOp} from './change.js'
import {activeRevisions} from './build-change.js'
import {describeKind} from './kinds/index.js'
import {sortSteps} from './execution-order.js'

/**
 * The steps of one change, each waiting for the previous one. Replaces that create first run
 * create new → (dependants re-point to it, in their own update steps) → disable old → delete
 * old; deletes of Batch CEs and queues disable before deleting, as AWS requires.
 */
function stepsOf(change: Change): Step[] {
  const description = describeKind(change.kind)
  const step = (op: StepOp, physicalName: string, suffix: string = op): Step => ({
    id: `${change.id}#${suffix}`,
    changeId: change.id,
    op,
    kind: change.kind,
    physicalName,
    dependsOn: [],
  })
  const teardown = (live: AnyLiveResource, suffix: string): Step[] => {
    const name = live.physicalName
    // Job definitions are never deleted, only deregistered (every ACTIVE revision).
    if (change.kind === 'batch.jobDefinition') return [{...step('deregister-revisions', name, `deregister-${suffix}`), revisions: activeRevisions(live)}]
    if (description.disableBeforeDelete) return [step('disable', name, `disable-${suffix}`), step('delete', name, `delete-${suffix}`)]
    return [step('delete', name, `delete-${suffix}`)]
  }
  let steps: Step[]
  switch (change.action) {
    case 'create':
      steps = [step('create', change.physicalName)]
      break
    case 'update':
      if (change.flavour === 'new-revision') {
        steps = [step('register-revision', change.physicalName)]
        if (change.deregisterRevisions !== undefined && change.deregisterRevisions.length > 0) {
          steps.push({...step('deregister-revisions', change.physicalName), revisions: change.deregisterRevisions})
        }
      } else {
        steps = [step('update', change.physicalName)]
      }
      break
    case 'replace': {
      const create = {...step('create', change.physicalName, 'create-new'), note: `replaces ${change.oldPhysicalName}`}
      const old = teardown(change.live, 'old')
      steps = change.order === 'create-before-delete' ? [create, ...old] : [...old, create]
      break
    }
    case 'delete':
      steps = teardown(change.live, 'this').map((s) => ({...s, id: `${change.id}#${s.op}`}))
      break
    default:
      return assertNever(change, 'change')
  }
  for (let i = 1; i < steps.length; i++) steps[i]!.dependsOn.push(steps[i - 1]!.id)
  return steps
}

/** Live resources an ARN or name found in a live spec designates (several only for ambiguous bare names). */
function liveTargetsOf(snapshot: LiveSnapshot): (external: string) => AnyLiveResource[] {
  const byArn = new Map<string, AnyLiveResource>()
  const byName = new Map<string, AnyLiveResource[]>()
  for (const live of snapshot.resources) {
    byArn.set(live.arn, live)
    for (const r of live.revisions ?? []) byArn.set(r.arn, live)
    byName.set(live.physicalName, [...(byName.get(live.physicalName) ?? []), live])
  }
  return (external) => {
    const exact = byArn.get(external)
    if (exact !== undefined) return [exact]
    const kind = kindFromArn(external)
    return (byName.get(nameFromArn(external)) ?? []).filter((l) => kind === undefined || l.kind === kind)
  }
}

/**
 * Gives every change its steps and cross-change dependencies, and returns the changes in an
 * order that respects them. Rules:
 * 1. a resource's create/update/register/replace-create waits for the same step of everything
 *    it links to or dependsOn (dependencies first);
 * 2. the teardown of a live resource (disable/delete, or a replace's old side) waits until
 *    every live resource linking to it has let go: been deleted, been updated to point
 *    elsewhere, or had its own old side removed (dependants gone first).
 * A cycle is reported as a `dependency-cycle` error, never thrown.
 */
export function orderChanges(changes: Change[], snapshot: LiveSnapshot): {changes: Change[]; errors: PlanError[]} {
  const rank = (c: Change) => RESOURCE_KINDS.indexOf(c.kind)
  const sorted = [...changes].sort((a, b) => {
    const da = a.action === 'delete' ? 1 : 0
    const db = b.action === 'delete' ? 1 : 0
    if (da !== db) return da - db
    const r = da === 1 ? rank(b) - rank(a) : rank(a) - rank(b)
    return r !== 0 ? r : a.id < b.id ? -1 : a.id > b.id ? 1 : 0
  })
  const withSteps = sorted.map((c) => ({...c, steps: stepsOf(c)}))

  const forward = new Map<string, Step>()
  const release = new Map<AnyLiveResource, Step>()
  const teardownStart = new Map<AnyLiveResource, Step>()
  for (const change of withSteps) {
    const first = change.steps[0]!
    const last = change.steps[change.steps.length - 1]!
    switch (change.action) {
      case 'create':
        forward.set(change.id, first)
        break
      case 'update':
        forward.set(change.id, first)
        release.set(change.live, first)
        break
      case 'replace': {
        const create = change.steps.find((s) => s.op === 'create')!
        forward.set(change.id, create)
        const oldSteps = change.steps.filter((s) => s !== create)
        teardownStart.set(change.live, oldSteps[0]!)
        release.set(change.live, oldSteps[oldSteps.length - 1]!)
        break
      }
      case 'delete':
        teardownStart.set(change.live, first)
        release.set(change.live, last)
        break
      default:
        assertNever(change, 'change')
    }
  }

  const addEdge = (step: Step, on: Step) => {
    if (on.changeId !== step.changeId && !step.dependsOn.includes(on.id)) step.dependsOn.push(on.id)
  }
  // Rule 1: dependencies first.
  for (const change of withSteps) {
    if (change.action === 'delete') continue
    const mine = forward.get(change.id)!
    for (const ref of [...collectRefs(change.desired.spec), ...change.desired.dependsOn]) {
      const theirs = forward.get(refKey(ref))
      if (theirs !== undefined) addEdge(mine, theirs)
    }
  }
  // Rule 2: dependants let go first.
  const targetsOf = liveTargetsOf(snapshot)
  for (const live of snapshot.resources) {
    const released = release.get(live)
    if (released === undefined) continue
    for (const external of collectExternals(live.spec)) {
      for (const target of targetsOf(external)) {
        const start = teardownStart.get(target)
        if (start !== undefined && target !== live) addEdge(start, released)
      }
    }
  }

  return topologicalOrder(withSteps)
}

function topologicalOrder(changes: Change[]): {changes: Change[]; errors: PlanError[]} {
  const steps = changes.flatMap((c) => c.steps)
  const byId = new Map(steps.map((s) => [s.id, s]))
  const {order, stuck} = sortSteps(steps)
  const position = new Map([...order, ...stuck].map((s, i) => [s.id, i]))
  const errors: PlanError[] = []
  for (const change of changes) {
    const blocked = change.steps.filter((s) => stuck.includes(s))
    if (blocked.length > 0) {
      errors.push({
        code: 'dependency-cycle',
        kind: change.kind,
        ...(change.logicalName === undefined ? {} : {logicalName: change.logicalName}),
        physicalName: change.physicalName,
        message: `${change.id} is part of a dependency cycle (${blocked.map((s) => s.id).join(', ')})`,
        hints: ['remove one of the dependsOn or references that form the cycle in batch.yaml'],
      })
    }
  }
  const firstStep = (c: Change) => Math.min(...c.steps.map((s) => position.get(s.id)!))
  const ordered = [...changes]
    .sort((a, b) => firstStep(a) - firstStep(b))
    .map((c) => ({
      ...c,
      dependsOn: [...new Set(c.steps.flatMap((s) => s.dependsOn).map((d) => byId.get(d)?.changeId ?? d))].filter((id) => id !== c.id),
    }))
  return {changes: ordered, errors}
}
