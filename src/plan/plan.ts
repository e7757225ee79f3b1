/**
 * The planner: `plan(desired, live, options) → Plan`. Pure and synchronous — no AWS SDK, no
 * file system, no network, no clock — so every decision is unit-testable with plain objects.
 */
import {
  TAG_LOGICAL_NAME,
  canonicalJson,
  specHash,
  collectRefs,
  refKey,
  serviceOf,
  type AnyLiveResource,
  type AnyResource,
  type LiveSnapshot,
  type Model,
} from '../model/index.js'
import {buildChange, type BuildContext} from './build-change.js'
import type {Change, DeleteChange, Plan, PlanOptions} from './change.js'
import {liveIdentity, matchResources, type Pair} from './match.js'
import {comparableSpec} from './normalize.js'
import {orderChanges} from './order.js'
import {ownershipTagsOf} from './ownership-check.js'
import {summarize} from './summary.js'

/** Default number of older ACTIVE job definition revisions kept after registering a new one. */
export const DEFAULT_KEEP_REVISIONS = 1

/**
 * Compares the desired model with the live snapshot and lists the changes that make AWS
 * match batch.yaml, with their field diffs and an execution order. Resources batchctl does
 * not own are never changed: a wanted name held by one is a `conflict` error.
 */
export function plan(desired: Model, live: LiveSnapshot, options: PlanOptions = {}): Plan {
  const matched = matchResources(desired, live, new Set(options.adopt ?? []))
  const ctx: BuildContext = {
    model: desired,
    names: new Map(desired.resources.map((r) => [refKey(r), r.physicalName])),
    keepRevisions: Math.max(0, options.keepRevisions ?? DEFAULT_KEEP_REVISIONS),
  }
  const changes: Change[] = []
  // Dependencies are decided first, so a dependant's links resolve to the names its targets
  // will have after apply (a replaced CE's new name makes its queues update).
  for (const pair of dependencyOrder(matched.pairs)) {
    if (pair.conflict) continue
    const change = buildChange(pair.desired, pair.live, ctx, pair.adopt === true)
    if (change !== undefined) changes.push(change)
  }
  // A replacement left behind by an interrupted apply holds exactly the name the replace wants
  // again (generated names are deterministic): its create step takes it over, so it is no orphan.
  const wanted = new Set(
    changes.flatMap((change) =>
      change.action === 'replace' && change.physicalName !== change.oldPhysicalName ? [`${change.kind}|${change.physicalName}`] : [],
    ),
  )
  for (const orphan of matched.orphans) {
    if (!wanted.has(`${orphan.kind}|${orphan.physicalName}`)) changes.push(deleteChange(orphan, live))
  }

  const ordered = orderChanges(changes, live)
  return {
    project: desired.project,
    ...(desired.env === undefined ? {} : {env: desired.env}),
    changes: ordered.changes,
    errors: [...matched.errors, ...ordered.errors],
    names: Object.fromEntries(ctx.names),
    summary: summarize(ordered.changes),
    fingerprint: fingerprintOf(desired, live),
  }
}

/**
 * Order-independent hashes of the model and the snapshot (see Plan.fingerprint). The live one
 * covers only what planning reads — comparable specs, tags, names, revisions — so AWS moving
 * desiredvCpus or a status changing does not make every saved plan stale.
 */
export function fingerprintOf(desired: Model, live: LiveSnapshot): {desired: string; live: string} {
  const sorted = <T>(items: readonly T[]) => items.map((item) => canonicalJson(item)).sort()
  const planned = live.resources.map((r) => ({
    kind: r.kind,
    physicalName: r.physicalName,
    arn: r.arn,
    tags: r.tags,
    spec: comparableSpec(r.kind, r.spec),
    revisions: r.revisions,
  }))
  return {
    desired: specHash({project: desired.project, env: desired.env, resources: sorted(desired.resources)}),
    live: specHash(sorted(planned)),
  }
}

function deleteChange(live: AnyLiveResource, snapshot: LiveSnapshot): DeleteChange {
  const logicalName = ownershipTagsOf(live, snapshot)[TAG_LOGICAL_NAME]
  const identity = liveIdentity(live).split('|')
  const scope = identity[1] === '' ? '' : `${identity[1]}/`
  return {
    id: `-${live.kind}/${scope}${live.physicalName}`,
    kind: live.kind,
    service: serviceOf(live.kind),
    ...(logicalName === undefined ? {} : {logicalName}),
    physicalName: live.physicalName,
    action: 'delete',
    diffs: [],
    dependsOn: [],
    steps: [],
    live,
  }
}

/** Pairs with every resource after the ones it links to; pairs in a cycle keep model order. */
function dependencyOrder(pairs: Pair[]): Pair[] {
  const byKey = new Map(pairs.map((p) => [refKey(p.desired), p]))
  const done = new Set<string>()
  const visiting = new Set<string>()
  const out: Pair[] = []
  const visit = (pair: Pair) => {
    const key = refKey(pair.desired)
    if (done.has(key) || visiting.has(key)) return
    visiting.add(key)
    for (const ref of depsOf(pair.desired)) {
      const dep = byKey.get(refKey(ref))
      if (dep !== undefined) visit(dep)
    }
    visiting.delete(key)
    done.add(key)
    out.push(pair)
  }
  for (const pair of pairs) visit(pair)
  return out
}

function depsOf(resource: AnyResource) {
  return [...collectRefs(resource.spec), ...resource.dependsOn]
}
