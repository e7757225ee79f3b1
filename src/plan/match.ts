import {
  TAG_LOGICAL_NAME,
  collectRefs,
  nameFromArn,
  refKey,
  type AnyLiveResource,
  type AnyResource,
  type Link,
  type LiveSnapshot,
  type Model,
} from '../model/index.js'
import type {PlanError} from './change.js'
import {describeKind} from './kinds/index.js'
import {normalizeSpec} from './normalize.js'
import {ownedByModel, ownershipTagsOf} from './ownership-check.js'

/** A desired resource with the live resource it corresponds to, if any. */
export interface Pair {
  desired: AnyResource
  live?: AnyLiveResource
  /** A live resource holds the wanted name but is not ours: plan nothing for it. */
  conflict: boolean
  /** An unowned live resource the user asked to adopt (`batchctl import`): planned as ours, tags written. */
  adopt?: boolean
}

/** Desired resources paired with live ones; owned live resources nobody wants; errors. */
export interface MatchResult {
  pairs: Pair[]
  orphans: AnyLiveResource[]
  errors: PlanError[]
}

/** `kind|scope|name`: two resources with equal identity are the same AWS resource. */
function identity(kind: string, scope: string | undefined, name: string): string {
  return `${kind}|${scope ?? ''}|${name}`
}

/** Identity of a desired resource (links in its scope resolve to the desired physical names). */
export function desiredIdentity(resource: AnyResource, model: Model): string {
  const description = describeKind(resource.kind)
  const resolve = (link: Link): string => {
    if ('external' in link) return nameFromArn(link.external)
    return model.resources.find((r) => r.kind === link.ref.kind && r.logicalName === link.ref.logicalName)?.physicalName ?? link.ref.logicalName
  }
  const scope = description.scope?.(normalizeSpec(resource.kind, resource.spec), resolve)
  return identity(resource.kind, scope, resource.physicalName)
}

/** Identity of a live resource (links are ARNs or names). */
export function liveIdentity(live: AnyLiveResource): string {
  const description = describeKind(live.kind)
  const resolve = (link: Link): string => ('external' in link ? nameFromArn(link.external) : link.ref.logicalName)
  const scope = description.scope?.(normalizeSpec(live.kind, live.spec), resolve)
  return identity(live.kind, scope, live.physicalName)
}

/**
 * Pairs desired resources with live ones: first by identity (kind, scope, name), then, for
 * owned resources whose name changed (a rename, or a replaced CE/queue with a generated
 * name), by the `batchctl:logical-name` tag. A live resource holding a wanted name that this
 * project does not own is a conflict, never a change.
 */
export function matchResources(model: Model, snapshot: LiveSnapshot, adopt: ReadonlySet<string> = new Set()): MatchResult {
  const errors: PlanError[] = []
  const pairs: Pair[] = []
  const liveByIdentity = new Map<string, AnyLiveResource>()
  for (const live of snapshot.resources) {
    const id = liveIdentity(live)
    if (!liveByIdentity.has(id)) liveByIdentity.set(id, live)
  }
  const owned = (live: AnyLiveResource) => ownedByModel(live, snapshot, model.project, model.env)
  const consumed = new Set<AnyLiveResource>()
  const seen = new Map<string, AnyResource>()
  const pending: AnyResource[] = []
  const known = new Set(model.resources.map((r) => refKey(r)))

  for (const desired of model.resources) {
    for (const ref of [...collectRefs(desired.spec), ...desired.dependsOn]) {
      if (!known.has(refKey(ref))) {
        errors.push({
          code: 'dangling-reference',
          kind: desired.kind,
          logicalName: desired.logicalName,
          physicalName: desired.physicalName,
          message: `${refKey(desired)} refers to ${refKey(ref)}, which batch.yaml does not define`,
          hints: ['run `batchctl validate` to see where the reference is'],
        })
      }
    }
    if (desired.kind === 'scheduler.schedule' && 'external' in desired.spec.group) {
      const group = nameFromArn(desired.spec.group.external)
      if (!model.resources.some((r) => r.kind === 'scheduler.scheduleGroup' && r.physicalName === group)) {
        errors.push({
          code: 'unmanaged-schedule-group',
          kind: desired.kind,
          logicalName: desired.logicalName,
          physicalName: desired.physicalName,
          message: `schedule ${desired.logicalName} is in schedule group ${group}, which batch.yaml does not define`,
          hints: ['schedules cannot be tagged: batchctl owns them through a schedule group it manages; put the schedule in one'],
        })
      }
    }
    const id = desiredIdentity(desired, model)
    const twin = seen.get(id)
    if (twin !== undefined) {
      errors.push({
        code: 'duplicate-name',
        kind: desired.kind,
        logicalName: desired.logicalName,
        physicalName: desired.physicalName,
        message: `${refKey(desired)} and ${refKey(twin)} both want the name ${desired.physicalName}`,
        hints: ['give one of them another name in batch.yaml'],
      })
      continue
    }
    seen.set(id, desired)
    const live = liveByIdentity.get(id)
    if (live === undefined) {
      pending.push(desired)
      continue
    }
    consumed.add(live)
    if (owned(live)) {
      pairs.push({desired, live, conflict: false})
    } else if (adopt.has(refKey(desired)) && ownershipTagsOf(live, snapshot)['batchctl:project'] === undefined) {
      // Only resources nobody owns can be adopted; another project's stay a conflict.
      pairs.push({desired, live, conflict: false, adopt: true})
    } else {
      pairs.push({desired, live, conflict: true})
      errors.push(conflictError(desired, live, ownershipTagsOf(live, snapshot)))
    }
  }

  // Second pass: find renamed or replaced resources by their logical-name tag.
  for (const desired of pending) {
    const candidates = snapshot.resources
      .filter((l) => !consumed.has(l) && l.kind === desired.kind && owned(l) && ownershipTagsOf(l, snapshot)[TAG_LOGICAL_NAME] === desired.logicalName)
      .sort((a, b) => (a.physicalName < b.physicalName ? -1 : a.physicalName > b.physicalName ? 1 : 0))
    const live = candidates[0]
    if (live !== undefined) consumed.add(live)
    pairs.push(live === undefined ? {desired, conflict: false} : {desired, live, conflict: false})
  }

  const orphans = snapshot.resources.filter((l) => !consumed.has(l) && owned(l))
  // Keep the model's order so plans are stable.
  const order = new Map(model.resources.map((r, i) => [r, i]))
  pairs.sort((a, b) => (order.get(a.desired) ?? 0) - (order.get(b.desired) ?? 0))
  return {pairs, orphans, errors}
}

function conflictError(desired: AnyResource, live: AnyLiveResource, tags: Record<string, string>): PlanError {
  const owner = tags['batchctl:project']
  const who = owner === undefined ? 'is not managed by batchctl' : `belongs to project ${owner}${tags['batchctl:env'] ? ` (env ${tags['batchctl:env']})` : ''}`
  return {
    code: 'conflict',
    kind: desired.kind,
    logicalName: desired.logicalName,
    physicalName: live.physicalName,
    message: `${desired.kind} ${live.physicalName} already exists and ${who}`,
    hints: [
      `adopt it with \`batchctl import ${desired.kind} ${desired.logicalName}\``,
      'or give the resource another name in batch.yaml',
    ],
  }
}
