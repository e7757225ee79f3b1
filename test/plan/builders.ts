/** Small builders for planner tests: desired resources, their live images, snapshots. */
import {
  mapLinks,
  ownershipTags,
  refKey,
  serviceOf,
  specHash,
  type AnyLiveResource,
  type AnyResource,
  type LiveResource,
  type LiveSnapshot,
  type Model,
  type Resource,
  type ResourceKind,
  type SpecByKind,
} from '../../src/model/index.js'
import {normalizeSpec} from '../../src/plan/normalize.js'

export const PROJECT = 'genomics'
export const ACCOUNT = '123456789012'
export const REGION = 'us-east-1'

/** A ref link to a resource of the model. */
export function ref(kind: ResourceKind, logicalName: string) {
  return {ref: {kind, logicalName}}
}

/** The ARN AWS would give a resource of this kind and name. */
export function arnOf(kind: ResourceKind, name: string, revision = 1): string {
  const p = `arn:aws:%s:${REGION}:${ACCOUNT}:`
  switch (kind) {
    case 'batch.computeEnvironment':
      return `${p.replace('%s', 'batch')}compute-environment/${name}`
    case 'batch.jobQueue':
      return `${p.replace('%s', 'batch')}job-queue/${name}`
    case 'batch.schedulingPolicy':
      return `${p.replace('%s', 'batch')}scheduling-policy/${name}`
    case 'batch.jobDefinition':
      return `${p.replace('%s', 'batch')}job-definition/${name}:${revision}`
    case 'scheduler.scheduleGroup':
      return `${p.replace('%s', 'scheduler')}schedule-group/${name}`
    case 'scheduler.schedule':
      return `${p.replace('%s', 'scheduler')}schedule/${name}`
    case 'events.rule':
      return `${p.replace('%s', 'events')}rule/${name}`
    case 'sfn.stateMachine':
      return `${p.replace('%s', 'states')}stateMachine:${name}`
    case 'ecr.repository':
      return `${p.replace('%s', 'ecr')}repository/${name}`
  }
}

/** A desired resource; physicalName defaults to `genomics-<logicalName>`. */
export function resource<K extends ResourceKind>(
  kind: K,
  logicalName: string,
  spec: SpecByKind[K],
  extra: Partial<Pick<Resource<K>, 'physicalName' | 'dependsOn' | 'tags'>> = {},
): Resource<K> {
  return {
    kind,
    logicalName,
    physicalName: extra.physicalName ?? `${PROJECT}-${logicalName}`,
    service: serviceOf(kind),
    spec,
    dependsOn: extra.dependsOn ?? [],
    tags: extra.tags ?? {},
  }
}

export function computeEnvironment(logicalName: string, cr: Partial<NonNullable<SpecByKind['batch.computeEnvironment']['computeResources']>> = {}, top: Partial<SpecByKind['batch.computeEnvironment']> = {}) {
  return resource('batch.computeEnvironment', logicalName, {
    type: 'MANAGED',
    ...top,
    computeResources: {type: 'SPOT', allocationStrategy: 'SPOT_PRICE_CAPACITY_OPTIMIZED', maxvCpus: 256, instanceTypes: ['optimal'], subnets: ['subnet-0abc'], securityGroupIds: ['sg-0abc'], instanceRole: 'ecsInstanceRole', ...cr},
  })
}

export function fargateEnvironment(logicalName: string, cr: Partial<NonNullable<SpecByKind['batch.computeEnvironment']['computeResources']>> = {}) {
  return resource('batch.computeEnvironment', logicalName, {
    type: 'MANAGED',
    computeResources: {type: 'FARGATE', maxvCpus: 64, subnets: ['subnet-0abc'], securityGroupIds: ['sg-0abc'], ...cr},
  })
}

export function jobQueue(logicalName: string, computeEnvironments: string[], extra: Partial<SpecByKind['batch.jobQueue']> = {}) {
  return resource('batch.jobQueue', logicalName, {
    priority: 10,
    computeEnvironmentOrder: computeEnvironments.map((ce, i) => ({order: i + 1, computeEnvironment: ref('batch.computeEnvironment', ce)})),
    ...extra,
  })
}

export function schedulingPolicy(logicalName: string, extra: Partial<SpecByKind['batch.schedulingPolicy']> = {}) {
  return resource('batch.schedulingPolicy', logicalName, {fairsharePolicy: {shareDistribution: [{shareIdentifier: 'a'}]}, ...extra})
}

export function jobDefinition(logicalName: string, container: Partial<NonNullable<SpecByKind['batch.jobDefinition']['containerProperties']>> = {}, extra: Partial<SpecByKind['batch.jobDefinition']> = {}) {
  return resource('batch.jobDefinition', logicalName, {
    type: 'container',
    containerProperties: {image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/worker:1', command: ['python', 'align.py'], vcpus: 2, memory: 4096, ...container},
    ...extra,
  })
}

export function scheduleGroup(logicalName: string) {
  return resource('scheduler.scheduleGroup', logicalName, {})
}

export function schedule(logicalName: string, group: string, queue: string, job: string, extra: Partial<SpecByKind['scheduler.schedule']> = {}) {
  return resource('scheduler.schedule', logicalName, {
    group: ref('scheduler.scheduleGroup', group),
    scheduleExpression: 'cron(0 2 * * ? *)',
    roleArn: `arn:aws:iam::${ACCOUNT}:role/scheduler`,
    target: {type: 'batch.submitJob', jobQueue: ref('batch.jobQueue', queue), jobDefinition: ref('batch.jobDefinition', job), jobName: logicalName},
    ...extra,
  })
}

export function eventRule(logicalName: string, queue: string, job: string, extra: Partial<SpecByKind['events.rule']> = {}) {
  return resource('events.rule', logicalName, {
    eventPattern: {source: ['aws.s3'], 'detail-type': ['Object Created']},
    targets: [{id: 'submit', roleArn: `arn:aws:iam::${ACCOUNT}:role/events`, invoke: {type: 'batch.submitJob', jobQueue: ref('batch.jobQueue', queue), jobDefinition: ref('batch.jobDefinition', job), jobName: logicalName}}],
    ...extra,
  })
}

export function stateMachine(logicalName: string, extra: Partial<SpecByKind['sfn.stateMachine']> = {}) {
  return resource('sfn.stateMachine', logicalName, {
    definition: {StartAt: 'prepare', States: {prepare: {Type: 'Pass', End: true}}},
    roleArn: `arn:aws:iam::${ACCOUNT}:role/sfn`,
    ...extra,
  })
}

export function repository(logicalName: string, extra: Partial<SpecByKind['ecr.repository']> = {}) {
  return resource('ecr.repository', logicalName, {...extra})
}

/** A model of project `genomics`. */
export function model(resources: AnyResource[], env?: string): Model {
  return env === undefined ? {project: PROJECT, resources} : {project: PROJECT, env, resources}
}

export function snapshot(resources: AnyLiveResource[]): LiveSnapshot {
  return {resources}
}

/**
 * The live resource AWS would report after batchctl created `desired`: links as ARNs of the
 * targets' physical names (`names`, by refKey; default the desired names), ownership tags,
 * and the spec as given (tests pass it through `awsView` to add what AWS fills in).
 */
export function liveOf<K extends ResourceKind>(
  desired: Resource<K>,
  options: {names?: ReadonlyMap<string, string>; owner?: {project: string; env?: string} | null; physicalName?: string; spec?: SpecByKind[K]; tags?: Record<string, string>; revision?: number; project?: string; env?: string} = {},
): LiveResource<K> {
  const physicalName = options.physicalName ?? desired.physicalName
  const spec = linksToArns(options.spec ?? desired.spec, options.names)
  const owner = options.owner === undefined ? {project: PROJECT, ...(options.env === undefined ? {} : {env: options.env})} : options.owner
  const hash = specHash(normalizeSpec(desired.kind, desired.spec))
  const ownTags = owner === null || desired.kind === 'scheduler.schedule' ? {} : ownershipTags({project: owner.project, env: owner.env, logicalName: desired.logicalName, specHash: hash})
  const revision = desired.kind === 'batch.jobDefinition' ? (options.revision ?? 1) : undefined
  return {
    kind: desired.kind,
    physicalName,
    service: serviceOf(desired.kind),
    arn: arnOf(desired.kind, physicalName, revision ?? 1),
    spec,
    tags: desired.kind === 'scheduler.schedule' ? {} : {...desired.tags, ...ownTags, ...options.tags},
    ...(revision === undefined ? {} : {revision, revisions: [{revision, arn: arnOf(desired.kind, physicalName, revision), status: 'ACTIVE' as const}]}),
  }
}

/** Every `{ref}` in a spec replaced by the ARN of its target, as adapters report links. */
export function linksToArns<T>(spec: T, names?: ReadonlyMap<string, string>): T {
  return mapLinks(spec, (link) => {
    if ('external' in link) return link
    const name = names?.get(refKey(link.ref)) ?? `${PROJECT}-${link.ref.logicalName}`
    return {external: arnOf(link.ref.kind, name)}
  }) as T
}

/** The live image of a whole model: what AWS holds right after a perfect apply. */
export function liveImage(m: Model, given?: ReadonlyMap<string, string>): LiveSnapshot {
  const names = given ?? new Map(m.resources.map((r) => [refKey(r), r.physicalName]))
  return snapshot(m.resources.map((r) => liveOf(r as Resource, {names, ...(m.env === undefined ? {} : {env: m.env}), physicalName: names?.get(refKey(r)) ?? r.physicalName}) as AnyLiveResource))
}
