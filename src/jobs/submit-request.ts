import {UserError} from '../errors.js'
import type {ContainerOverrides, JobDefinitionInfo, SubmitRequest} from './jobs-api.js'

/** What `batchctl submit` asks for, after flags are parsed and names resolved. */
export interface SubmitSpec {
  definition: JobDefinitionInfo
  jobQueue: string
  jobName: string
  parameters?: Record<string, string>
  /** Replaces the definition's command. */
  command?: string[]
  environment?: Record<string, string>
  vcpus?: number
  /** MiB. */
  memory?: number
  gpus?: number
  arraySize?: number
  /** Multi-node: number of nodes. */
  nodes?: number
  dependsOn?: Array<{jobId: string; type?: 'N_TO_N' | 'SEQUENTIAL'}>
  timeoutSeconds?: number
  retryAttempts?: number
  tags?: Record<string, string>
}

/** `k=v` pairs (repeatable flags) → a map; the first `=` splits, so values may hold `=`. */
export function parsePairs(values: readonly string[] | undefined, flag: string): Record<string, string> | undefined {
  if (!values || values.length === 0) return undefined
  const out: Record<string, string> = {}
  for (const value of values) {
    const at = value.indexOf('=')
    if (at <= 0) throw new UserError(`--${flag} ${value}: expected KEY=VALUE`, {code: 'bad-flag', hints: [`for example --${flag} key=value`]})
    out[value.slice(0, at)] = value.slice(at + 1)
  }
  return out
}

/** `JOB[:N_TO_N|SEQUENTIAL]`; array child ids (`<id>:<index>`) keep their colon. */
export function parseDependsOn(values: readonly string[] | undefined): SubmitSpec['dependsOn'] {
  if (!values || values.length === 0) return undefined
  return values.map((value) => {
    const match = /^(.+):(N_TO_N|SEQUENTIAL)$/.exec(value)
    return match ? {jobId: match[1]!, type: match[2] as 'N_TO_N' | 'SEQUENTIAL'} : {jobId: value}
  })
}

/** AWS: SubmitJob jobName — up to 128 letters, numbers, hyphens and underscores, starting with a letter or number. */
export function checkJobName(name: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/.test(name)) {
    throw new UserError(`job name ${JSON.stringify(name)} is not valid`, {
      code: 'bad-job-name',
      hints: ['up to 128 letters, numbers, hyphens and underscores, starting with a letter or number'],
    })
  }
  return name
}

function containerOverrides(spec: SubmitSpec): ContainerOverrides | undefined {
  const resources: NonNullable<ContainerOverrides['resourceRequirements']> = []
  if (spec.vcpus !== undefined) resources.push({type: 'VCPU', value: String(spec.vcpus)})
  if (spec.memory !== undefined) resources.push({type: 'MEMORY', value: String(spec.memory)})
  if (spec.gpus !== undefined) resources.push({type: 'GPU', value: String(spec.gpus)})
  const environment = spec.environment ? Object.entries(spec.environment).map(([name, value]) => ({name, value})) : undefined
  const overrides: ContainerOverrides = {
    ...(spec.command ? {command: spec.command} : {}),
    ...(environment ? {environment} : {}),
    ...(resources.length > 0 ? {resourceRequirements: resources} : {}),
  }
  return Object.keys(overrides).length > 0 ? overrides : undefined
}

/**
 * The SubmitJob request for a spec. Multi-node jobs take overrides per node range
 * (`nodeOverrides.nodePropertyOverrides`, all nodes: `0:`) since SubmitJob refuses
 * `containerOverrides` for them (API reference, SubmitJob).
 */
export function buildSubmitRequest(spec: SubmitSpec): SubmitRequest {
  const multiNode = spec.definition.type === 'multinode'
  if (spec.nodes !== undefined && !multiNode) {
    throw new UserError(`--nodes needs a multi-node job definition; ${spec.definition.name} is a container job`, {code: 'bad-flag'})
  }
  if (spec.arraySize !== undefined && (spec.arraySize < 2 || spec.arraySize > 10_000)) {
    throw new UserError(`--array-size ${spec.arraySize}: an array job has 2 to 10,000 children`, {code: 'bad-flag'})
  }
  const overrides = containerOverrides(spec)
  const nodeOverrides =
    multiNode && (overrides || spec.nodes !== undefined)
      ? {
          ...(spec.nodes !== undefined ? {numNodes: spec.nodes} : {}),
          ...(overrides ? {nodePropertyOverrides: [{targetNodes: '0:', containerOverrides: overrides}]} : {}),
        }
      : undefined
  return {
    jobName: spec.jobName,
    jobQueue: spec.jobQueue,
    jobDefinition: spec.definition.arn,
    ...(spec.parameters ? {parameters: spec.parameters} : {}),
    ...(spec.arraySize !== undefined ? {arrayProperties: {size: spec.arraySize}} : {}),
    ...(spec.dependsOn ? {dependsOn: spec.dependsOn} : {}),
    ...(!multiNode && overrides ? {containerOverrides: overrides} : {}),
    ...(nodeOverrides ? {nodeOverrides} : {}),
    ...(spec.retryAttempts !== undefined ? {retryStrategy: {attempts: spec.retryAttempts}} : {}),
    ...(spec.timeoutSeconds !== undefined ? {timeout: {attemptDurationSeconds: spec.timeoutSeconds}} : {}),
    ...(spec.tags ? {tags: spec.tags} : {}),
  }
}
