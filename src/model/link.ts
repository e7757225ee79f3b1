import type {ResourceKind} from './resource-kind.js'


/** Names one resource of the desired model: its kind and its key in batch.yaml. */
export interface ResourceRef {
  kind: ResourceKind
  logicalName: string
}

/**
 * A spec field that points at another resource. Desired specs use `{ref}` for resources
 * of the same model so the planner can order changes and follow replacements that change
 * a physical name; `{external}` holds a name or ARN of something batchctl does not manage.
 * Live adapters always report `{external}` (the ARN or name AWS returned); the planner
 * compares both sides by the physical name they resolve to.
 */
export type Link = {ref: ResourceRef} | {external: string}

/** A stable string key for a ref, e.g. `batch.jobQueue/default`. */
export function refKey(ref: ResourceRef): string {
  return `${ref.kind}/${ref.logicalName}`
}

/** True for values of the Link shape (exactly one key, `ref` or `external`). */
export function isLink(value: unknown): value is Link {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false
  const keys = Object.keys(value)
  if (keys.length !== 1) return false
  const v = value as Record<string, unknown>
  if (keys[0] === 'external') return typeof v.external === 'string'
  if (keys[0] === 'ref') {
    const r = v.ref as Record<string, unknown> | null
    return r !== null && typeof r === 'object' && typeof r.kind === 'string' && typeof r.logicalName === 'string'
  }
  return false
}

/** Rebuilds a value, replacing every Link inside it with what `fn` returns. */
export function mapLinks(value: unknown, fn: (link: Link) => unknown): unknown {
  if (isLink(value)) return fn(value)
  if (Array.isArray(value)) return value.map((item) => mapLinks(item, fn))
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) out[k] = mapLinks(v, fn)
    return out
  }
  return value
}

/** Every `{ref}` inside a value, in document order. */
export function collectRefs(value: unknown): ResourceRef[] {
  const refs: ResourceRef[] = []
  mapLinks(value, (link) => {
    if ('ref' in link) refs.push(link.ref)
    return link
  })
  return refs
}

/** Every `{external}` string inside a value. */
export function collectExternals(value: unknown): string[] {
  const out: string[] = []
  mapLinks(value, (link) => {
    if ('external' in link) out.push(link.external)
    return link
  })
  return out
}

/**
 * The resource name inside an ARN, or the value itself when it is already a name.
 * Batch: `arn:aws:batch:r:a:job-queue/NAME`, job definitions `job-definition/NAME:REV`
 * (the revision is dropped: links to a job definition mean its latest ACTIVE revision);
 * Step Functions: `arn:aws:states:r:a:stateMachine:NAME`; Scheduler:
 * `arn:aws:scheduler:r:a:schedule-group/NAME`; ECR: `arn:aws:ecr:r:a:repository/NAME`.
 */
export function nameFromArn(value: string): string {
  if (!value.startsWith('arn:')) return value
  const parts = value.split(':')
  if (parts[2] === 'states') return parts[6] ?? value
  const resource = parts.slice(5).join(':')
  const slash = resource.indexOf('/')
  if (slash < 0) return resource
  let name = resource.slice(slash + 1)
  if (resource.startsWith('job-definition/')) name = name.replace(/:\d+$/, '')
  return name
}

const ARN_KINDS: ReadonlyArray<[RegExp, ResourceKind]> = [
  [/^arn:[^:]*:batch:[^:]*:[^:]*:compute-environment\//, 'batch.computeEnvironment'],
  [/^arn:[^:]*:batch:[^:]*:[^:]*:job-queue\//, 'batch.jobQueue'],
  [/^arn:[^:]*:batch:[^:]*:[^:]*:job-definition\//, 'batch.jobDefinition'],
  [/^arn:[^:]*:batch:[^:]*:[^:]*:scheduling-policy\//, 'batch.schedulingPolicy'],
  [/^arn:[^:]*:scheduler:[^:]*:[^:]*:schedule-group\//, 'scheduler.scheduleGroup'],
  [/^arn:[^:]*:scheduler:[^:]*:[^:]*:schedule\//, 'scheduler.schedule'],
  [/^arn:[^:]*:events:[^:]*:[^:]*:rule\//, 'events.rule'],
  [/^arn:[^:]*:states:[^:]*:[^:]*:stateMachine:/, 'sfn.stateMachine'],
  [/^arn:[^:]*:ecr:[^:]*:[^:]*:repository\//, 'ecr.repository'],
]

/** The resource kind an ARN names, or undefined for a bare name or another service's ARN. */
export function kindFromArn(value: string): ResourceKind | undefined {
  return ARN_KINDS.find(([pattern]) => pattern.test(value))?.[1]
}
