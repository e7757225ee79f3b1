/**
 * A symbolic apply: what the live snapshot would be after carrying out a plan, with every
 * AWS call succeeding. Used to check that planning again after an apply is empty.
 */
import {
  serviceOf,
  type AnyLiveResource,
  type AnyResource,
  type LiveSnapshot,
} from '../../src/model/index.js'
import {assertNever} from '../../src/errors.js'
import type {Plan} from '../../src/plan/index.js'
import {arnOf, linksToArns} from './builders.js'
import {awsView} from './aws-view.js'

function liveFrom(desired: AnyResource, physicalName: string, tags: Record<string, string>, names: ReadonlyMap<string, string>, revision?: number): AnyLiveResource {
  const rev = desired.kind === 'batch.jobDefinition' ? (revision ?? 1) : undefined
  return {
    kind: desired.kind,
    physicalName,
    service: serviceOf(desired.kind),
    arn: arnOf(desired.kind, physicalName, rev ?? 1),
    spec: awsView(desired.kind, linksToArns(desired.spec, names)),
    // Schedules cannot be tagged: AWS keeps none.
    tags: desired.kind === 'scheduler.schedule' ? {} : tags,
    ...(rev === undefined ? {} : {revision: rev, revisions: [{revision: rev, arn: arnOf(desired.kind, physicalName, rev), status: 'ACTIVE' as const}]}),
  } as AnyLiveResource
}

export function applySymbolically(plan: Plan, live: LiveSnapshot): LiveSnapshot {
  const names = new Map(Object.entries(plan.names))
  let resources = [...live.resources]
  for (const change of plan.changes) {
    switch (change.action) {
      case 'create':
        resources.push(liveFrom(change.desired, change.physicalName, change.tags, names))
        break
      case 'update': {
        const old = change.live
        if (change.flavour === 'new-revision') {
          const next = (old.revisions ?? []).reduce((max, r) => Math.max(max, r.revision), old.revision ?? 0) + 1
          const updated = liveFrom(change.desired, old.physicalName, change.tags, names, next)
          const deregistered = new Set((change.deregisterRevisions ?? []).map((r) => r.revision))
          updated.revisions = [
            ...(updated.revisions ?? []),
            ...(old.revisions ?? []).map((r) => (deregistered.has(r.revision) ? {...r, status: 'INACTIVE' as const} : r)),
          ]
          resources = resources.map((r) => (r === old ? updated : r))
        } else {
          resources = resources.map((r) => (r === old ? liveFrom(change.desired, old.physicalName, change.tags, names) : r))
        }
        break
      }
      case 'replace':
        resources = resources.filter((r) => r !== change.live)
        resources.push(liveFrom(change.desired, change.physicalName, change.tags, names))
        break
      case 'delete':
        resources = resources.filter((r) => r !== change.live)
        break
      default:
        assertNever(change, 'change')
    }
  }
  return {resources}
}
