import {isOwnedBy, nameFromArn, type AnyLiveResource, type LiveSnapshot} from '../model/index.js'
import {describeKind} from './kinds/index.js'

/**
 * The tags that say who owns a live resource. Schedules cannot be tagged
 * (EventBridge Scheduler has no TagResource for schedules), so they inherit the tags of
 * their schedule group.
 */
export function ownershipTagsOf(live: AnyLiveResource, snapshot: LiveSnapshot): Record<string, string> {
  if (describeKind(live.kind).taggable) return live.tags
  if (live.kind === 'scheduler.schedule') {
    const group = 'external' in live.spec.group ? nameFromArn(live.spec.group.external) : live.spec.group.ref.logicalName
    const owner = snapshot.resources.find((r) => r.kind === 'scheduler.scheduleGroup' && r.physicalName === group)
    return owner?.tags ?? {}
  }
  return live.tags
}

/** True when the project (and env) of the model own this live resource. */
export function ownedByModel(live: AnyLiveResource, snapshot: LiveSnapshot, project: string, env: string | undefined): boolean {
  return isOwnedBy(ownershipTagsOf(live, snapshot), project, env)
}
