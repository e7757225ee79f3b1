// Everything a project owns in an emulator, read from the emulator's state (not through the
// adapters under test), to check that an apply left exactly what batch.yaml wants.
import type {Emulator} from '../../src/local/emulator.js'
import type {BatchState} from '../../src/local/services/batch/state.js'
import type {EcrState} from '../../src/local/services/ecr/state.js'
import type {EventsState} from '../../src/local/services/events/state.js'
import type {SchedulerState} from '../../src/local/services/scheduler/state.js'
import type {SfnState} from '../../src/local/services/sfn/state.js'
import type {Model, ResourceKind} from '../../src/model/index.js'
import {TAG_LOGICAL_NAME, TAG_PROJECT} from '../../src/model/ownership.js'

/** One live resource the project owns (its tags say so), or a schedule in an owned group. */
export interface OwnedResource {
  kind: ResourceKind
  name: string
  /** The `batchctl:logical-name` tag, when the resource carries tags. */
  logicalName?: string
  /** Batch only: the status (a resource still CREATING/DELETING has not settled). */
  status?: string
  /** Job definitions only: ACTIVE revisions of this name. */
  activeRevisions?: number
}

const BUSY = new Set(['CREATING', 'UPDATING', 'DELETING', 'DELETED'])

const tagsOf = (list: Array<{key?: string; Key?: string; value?: string; Value?: string}> | undefined): Record<string, string> =>
  Object.fromEntries((list ?? []).map((t) => [t.key ?? t.Key ?? '', t.value ?? t.Value ?? '']))

/** Every resource in `region` whose ownership tag names `project`. */
export function ownedResources(emulator: Emulator, region: string, project: string): OwnedResource[] {
  const owned: OwnedResource[] = []
  const mine = (tags: Record<string, string> | undefined) => tags?.[TAG_PROJECT] === project
  const push = (kind: ResourceKind, name: string, tags: Record<string, string>, extra: Partial<OwnedResource> = {}) =>
    owned.push({kind, name, ...(tags[TAG_LOGICAL_NAME] ? {logicalName: tags[TAG_LOGICAL_NAME]} : {}), ...extra})

  const batch = emulator.state<BatchState>('batch', region)
  for (const ce of batch.computeEnvironments.values()) {
    if (mine(ce.tags)) push('batch.computeEnvironment', ce.computeEnvironmentName!, ce.tags!, {status: ce.status!})
  }
  for (const queue of batch.jobQueues.values()) {
    if (mine(queue.tags)) push('batch.jobQueue', queue.jobQueueName!, queue.tags!, {status: queue.status!})
  }
  for (const policy of batch.schedulingPolicies.values()) {
    if (mine(policy.tags)) push('batch.schedulingPolicy', policy.name!, policy.tags!)
  }
  for (const [name, revisions] of batch.jobDefinitions) {
    const active = revisions.filter((r) => r.status === 'ACTIVE' && mine(r.tags))
    if (active.length > 0) push('batch.jobDefinition', name, active.at(-1)!.tags!, {activeRevisions: active.length})
  }

  const ecr = emulator.state<EcrState>('ecr', region)
  for (const repository of ecr.repositories.values()) {
    const tags = tagsOf(repository.tags)
    if (mine(tags)) push('ecr.repository', repository.name, tags)
  }

  const events = emulator.state<EventsState>('events', region)
  for (const rule of events.rules.values()) {
    const tags = Object.fromEntries(events.tags.get(rule.Arn) ?? [])
    if (mine(tags)) push('events.rule', rule.Name, tags)
  }

  const scheduler = emulator.state<SchedulerState>('scheduler', region)
  const ownedGroups = new Set<string>()
  for (const group of scheduler.groups.values()) {
    const tags = Object.fromEntries(scheduler.tags.get(group.Arn) ?? [])
    if (!mine(tags)) continue
    ownedGroups.add(group.Name)
    push('scheduler.scheduleGroup', group.Name, tags, {status: group.State})
  }
  // Schedules take no tags: a schedule belongs to the project when its group does.
  for (const schedule of scheduler.schedules.values()) {
    if (ownedGroups.has(schedule.GroupName)) owned.push({kind: 'scheduler.schedule', name: schedule.Name})
  }

  const sfn = emulator.state<SfnState>('states', region)
  for (const machine of sfn.stateMachines.values()) {
    const tags = tagsOf(machine.tags)
    if (mine(tags) && machine.status === 'ACTIVE') push('sfn.stateMachine', machine.name, tags)
  }
  return owned
}

/** True once no owned Batch resource is mid-transition (CREATING, UPDATING, DELETING). */
export function settled(resources: readonly OwnedResource[]): boolean {
  return resources.every((r) => r.status === undefined || !BUSY.has(r.status))
}

/** Waits (polling real time) until the owned resources settle; returns them. */
export async function settledInventory(emulator: Emulator, region: string, project: string, timeoutMs = 10_000): Promise<OwnedResource[]> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const resources = ownedResources(emulator, region, project)
    if (settled(resources) || Date.now() > deadline) return resources
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/**
 * What is wrong with the live inventory against the model: owned resources the model does not
 * want (left over), wanted ones missing, and more than one live resource for one logical name.
 * Compute environments and job queues may carry a generated `<name>-<hash8>` name after a replace.
 */
export function inventoryProblems(model: Model, live: readonly OwnedResource[]): string[] {
  const problems: string[] = []
  const generated = (kind: ResourceKind) => kind === 'batch.computeEnvironment' || kind === 'batch.jobQueue'
  const matches = (kind: ResourceKind, wanted: string, name: string) =>
    name === wanted || (generated(kind) && new RegExp(`^${wanted}-[0-9a-f]{8}$`).test(name))
  const claimed = new Set<OwnedResource>()
  for (const resource of model.resources) {
    const found = live.filter(
      (r) =>
        r.kind === resource.kind &&
        (generated(resource.kind) ? r.logicalName === resource.logicalName : r.name === resource.physicalName),
    )
    if (found.length === 0) problems.push(`missing ${resource.kind} ${resource.physicalName}`)
    if (found.length > 1) problems.push(`${found.length} live ${resource.kind} for ${resource.logicalName}: ${found.map((r) => r.name).join(', ')}`)
    for (const r of found) {
      claimed.add(r)
      if (!matches(resource.kind, resource.physicalName, r.name)) problems.push(`${resource.kind} ${r.name} does not carry the name ${resource.physicalName}`)
      if (r.status !== undefined && BUSY.has(r.status)) problems.push(`${resource.kind} ${r.name} is still ${r.status}`)
    }
  }
  for (const r of live) if (!claimed.has(r)) problems.push(`left over: ${r.kind} ${r.name}${r.status ? ` (${r.status})` : ''}`)
  return problems
}
