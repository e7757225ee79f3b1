import type {BatchConfig, ComputeEnvironment} from '../types.generated.js'
import type {Diagnostic} from '../diagnostic.js'
import {entries} from './context.js'

/** Where a job's containers run: what RegisterJobDefinition calls platformCapabilities. */
export type Platform = 'EC2' | 'FARGATE'

/** FARGATE and FARGATE_SPOT environments run Fargate jobs; EC2 and SPOT run EC2 jobs. */
export function computePlatform(ce: ComputeEnvironment): Platform {
  return ce.type === 'FARGATE' || ce.type === 'FARGATE_SPOT' ? 'FARGATE' : 'EC2'
}

/** The platform of a queue: that of its first defined compute environment, if any. */
export function queuePlatform(config: BatchConfig, queueKey: string): Platform | undefined {
  for (const ceKey of config.jobQueues?.[queueKey]?.computeEnvironments ?? []) {
    const ce = config.computeEnvironments?.[ceKey]
    if (ce !== undefined) return computePlatform(ce)
  }
  return undefined
}

/** One place a job is submitted from: a schedule, a trigger or a workflow step. */
export interface JobUse {
  job: string
  /** The queue named there, or `defaults.queue`; undefined when neither is set. */
  queue: string | undefined
  arraySize: number | undefined
  /** The share identifier named there, or `defaults.shareIdentifier`. */
  shareIdentifier: string | undefined
  /** Path of the object that names the job (the `submit` block or the step). */
  path: Diagnostic['path']
}

/** Every submission of a job that batch.yaml describes. */
export function jobUses(config: BatchConfig): JobUse[] {
  const uses: JobUse[] = []
  const fallback = config.defaults?.queue
  const share = config.defaults?.shareIdentifier
  for (const section of ['schedules', 'triggers'] as const) {
    for (const [key, entry] of entries(config[section])) {
      if (entry.submit === undefined) continue
      const {job, queue, arraySize, shareIdentifier} = entry.submit
      uses.push({job, queue: queue ?? fallback, arraySize, shareIdentifier: shareIdentifier ?? share, path: [section, key, 'submit']})
    }
  }
  for (const [key, workflow] of entries(config.workflows)) {
    for (const [i, step] of (workflow.steps ?? []).entries()) {
      uses.push({
        job: step.job,
        queue: step.queue ?? fallback,
        arraySize: step.arraySize,
        shareIdentifier: step.shareIdentifier ?? share,
        path: ['workflows', key, 'steps', i],
      })
    }
  }
  return uses
}

/**
 * The platform a job definition is registered for: its own `platform`, else the platform of the
 * first queue it is submitted to, else that of `defaults.queue`; undefined when nothing says.
 */
export function resolveJobPlatform(config: BatchConfig, jobKey: string): Platform | undefined {
  const explicit = config.jobDefinitions?.[jobKey]?.platform
  if (explicit !== undefined) return explicit
  for (const use of jobUses(config)) {
    if (use.job !== jobKey || use.queue === undefined) continue
    const platform = queuePlatform(config, use.queue)
    if (platform !== undefined) return platform
  }
  const fallback = config.defaults?.queue
  return fallback === undefined ? undefined : queuePlatform(config, fallback)
}
