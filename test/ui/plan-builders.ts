import type {ResourceKind} from '../../src/model/index.js'
import type {Change, FieldDiff, Plan, PlanError} from '../../src/plan/index.js'
import {summarize} from '../../src/plan/index.js'

/**
 * Small builders for plans as the views see them. Only what `outlinePlan` reads is real; the
 * specs apply would need (`desired`, `live`) are left empty because no view renders them.
 */
type Diff = [path: string, before: unknown, after: unknown, sensitive?: boolean]

const diffs = (list: Diff[]): FieldDiff[] => list.map(([path, before, after, sensitive]) => ({path, before, after, sensitive: sensitive ?? false}))

const base = (kind: ResourceKind, name: string, physicalName = `genomics-${name}`) => ({
  id: `${kind}/${name}`,
  kind,
  service: kind.split('.')[0] as Change['service'],
  logicalName: name,
  physicalName,
  dependsOn: [],
  steps: [],
})

export function create(kind: ResourceKind, name: string, fields: Array<[string, unknown]>): Change {
  return {...base(kind, name), action: 'create', diffs: diffs(fields.map(([path, after]) => [path, undefined, after])), desired: {} as never, tags: {}, specHash: 'h'}
}

export function update(kind: ResourceKind, name: string, fields: Diff[], flavour: 'in-place' | 'infrastructure-update' | 'new-revision' = 'in-place', deregister = 0): Change {
  return {
    ...base(kind, name),
    action: 'update',
    flavour,
    diffs: diffs(fields),
    desired: {} as never,
    live: {} as never,
    tags: {},
    specHash: 'h',
    ...(deregister > 0 ? {deregisterRevisions: Array.from({length: deregister}, (_, i) => ({revision: i + 1, arn: `arn:aws:batch:us-east-1:123456789012:job-definition/genomics-${name}:${i + 1}`, status: 'ACTIVE' as const}))} : {}),
  }
}

export function replace(kind: ResourceKind, name: string, physicalName: string, forcedBy: string[], fields: Diff[]): Change {
  return {
    ...base(kind, name, physicalName),
    action: 'replace',
    order: 'create-before-delete',
    forcedBy,
    oldPhysicalName: `genomics-${name}`,
    diffs: diffs(fields),
    desired: {} as never,
    live: {} as never,
    tags: {},
    specHash: 'h',
  }
}

export function remove(kind: ResourceKind, physicalName: string, logicalName?: string): Change {
  const {logicalName: _drop, ...rest} = base(kind, physicalName, physicalName)
  return {...rest, id: `-${kind}/${physicalName}`, ...(logicalName ? {logicalName} : {}), action: 'delete', diffs: [], live: {} as never}
}

export function planOf(changes: Change[], errors: PlanError[] = [], env?: string): Plan {
  return {
    project: 'genomics',
    ...(env ? {env} : {}),
    changes,
    errors,
    names: {},
    summary: summarize(changes),
    fingerprint: {desired: 'd', live: 'l'},
  }
}
