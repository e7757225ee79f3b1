import {
  ownershipTags,
  refKey,
  serviceOf,
  specHash,
  TAG_SPEC_HASH,
  userTags,
  type AnyLiveResource,
  type AnyResource,
  type JobDefinitionRevision,
  type Model,
} from '../model/index.js'
import type {Change, FieldDiff} from './change.js'
import {diffValues, toFieldDiffs} from './diff.js'
import {describeKind, type Decision} from './kinds/index.js'
import {comparableSpecs, normalizeSpec} from './normalize.js'
import {replacementName, isGeneratedVariant} from './replacement-name.js'
import {resolveLinks} from './resolve-links.js'

/** Inputs for deciding one desired resource. */
export interface BuildContext {
  model: Model
  /** Physical names after apply of resources decided so far (by refKey). */
  names: Map<string, string>
  keepRevisions: number
}

function baseOf(desired: AnyResource): Pick<Change, 'id' | 'kind' | 'service' | 'logicalName'> {
  return {id: refKey(desired), kind: desired.kind, service: serviceOf(desired.kind), logicalName: desired.logicalName}
}

/**
 * Decides what to do for one desired resource and its live counterpart (if any): a change, or
 * undefined for no change. Records the physical name the resource has after apply in `ctx.names`.
 */
export function buildChange(desired: AnyResource, live: AnyLiveResource | undefined, ctx: BuildContext, adopting = false): Change | undefined {
  const description = describeKind(desired.kind)
  const normalized = {...desired, spec: normalizeSpec(desired.kind, desired.spec)} as AnyResource
  const hash = specHash(normalized.spec)
  const tags = {...desired.tags, ...ownershipTags({project: ctx.model.project, env: ctx.model.env, logicalName: desired.logicalName, specHash: hash})}
  const key = refKey(desired)

  if (live === undefined) {
    ctx.names.set(key, desired.physicalName)
    return {...baseOf(desired), action: 'create', physicalName: desired.physicalName, diffs: createDiffs(normalized, ctx), dependsOn: [], steps: [], desired: normalized, tags, specHash: hash}
  }

  const comparable = comparableSpecs(desired.kind, desired.spec, live.spec as typeof desired.spec)
  const before = resolveLinks(comparable.live, ctx.names)
  const after = resolveLinks(comparable.desired, ctx.names)
  let specDiffs = diffValues(before, after)
  // Job definitions are immutable: when the revision was registered from this very spec (its
  // spec-hash tag says so), nothing can have changed it since, whatever AWS echoes back.
  if (desired.kind === 'batch.jobDefinition' && live.tags[TAG_SPEC_HASH] === hash) specDiffs = []
  // Adopting writes the ownership tags: show them, so the import diff says what will change.
  const tagDiffs = !description.taggable
    ? []
    : adopting
      ? diffValues(live.tags, tags, 'tags')
      : diffValues(userTags(live.tags), desired.tags, 'tags')
  const renamed = live.physicalName !== desired.physicalName && !(description.generatedNameOnReplace && isGeneratedVariant(live.physicalName, desired.physicalName, description.maxNameLength))

  if (specDiffs.length === 0 && tagDiffs.length === 0 && !renamed) {
    ctx.names.set(key, live.physicalName)
    return undefined
  }

  const decision: Decision = renamed
    ? {action: 'replace', forcedBy: ['name']}
    : specDiffs.length === 0
      ? {action: 'update', flavour: 'in-place'}
      : description.decide(specDiffs, normalizeSpec(live.kind, live.spec), normalized.spec)
  const isSensitive = (path: string, b: unknown, a: unknown) => description.isSensitive(path, b, a)

  if (decision.action === 'update') {
    ctx.names.set(key, live.physicalName)
    const diffs = toFieldDiffs([...specDiffs, ...tagDiffs], isSensitive)
    const deregisterRevisions = decision.flavour === 'new-revision' ? revisionsBeyond(live, ctx.keepRevisions) : undefined
    return {
      ...baseOf(desired),
      action: 'update',
      flavour: decision.flavour,
      physicalName: live.physicalName,
      diffs,
      dependsOn: [],
      steps: [],
      desired: normalized,
      live,
      tags,
      specHash: hash,
      ...(deregisterRevisions === undefined || deregisterRevisions.length === 0 ? {} : {deregisterRevisions}),
    }
  }

  const newName =
    description.replaceOrder === 'create-before-delete' && !renamed && description.generatedNameOnReplace && live.physicalName === desired.physicalName
      ? replacementName(desired.physicalName, hash, description.maxNameLength)
      : desired.physicalName
  ctx.names.set(key, newName)
  const nameDiff = newName === live.physicalName ? [] : [{path: 'name', before: live.physicalName, after: newName}]
  return {
    ...baseOf(desired),
    action: 'replace',
    order: description.replaceOrder,
    forcedBy: decision.forcedBy,
    oldPhysicalName: live.physicalName,
    physicalName: newName,
    diffs: toFieldDiffs([...nameDiff, ...specDiffs, ...tagDiffs], isSensitive),
    dependsOn: [],
    steps: [],
    desired: normalized,
    live,
    tags,
    specHash: hash,
  }
}

/** A create lists every desired field as `(absent) → value`. */
function createDiffs(normalized: AnyResource, ctx: BuildContext): FieldDiff[] {
  const description = describeKind(normalized.kind)
  const fields = diffValues({}, resolveLinks(normalized.spec, ctx.names))
  const tagDiffs = diffValues({}, normalized.tags, 'tags')
  return toFieldDiffs([...fields, ...tagDiffs], (p, b, a) => description.isSensitive(p, b, a))
}

/** The ACTIVE revisions to deregister once a new one is registered: all but the newest `keep`. */
export function revisionsBeyond(live: AnyLiveResource, keep: number): JobDefinitionRevision[] {
  return activeRevisions(live).slice(Math.max(0, keep))
}

/** ACTIVE revisions, newest first. */
export function activeRevisions(live: AnyLiveResource): JobDefinitionRevision[] {
  const revisions = live.revisions ?? (live.revision === undefined ? [] : [{revision: live.revision, arn: live.arn, status: 'ACTIVE' as const}])
  return revisions.filter((r) => r.status === 'ACTIVE').sort((a, b) => b.revision - a.revision)
}
