import {closest} from 'fastest-levenshtein'

import {physicalName} from '../config/physical-name.js'
import type {BatchConfig} from '../config/types.generated.js'
import {UserError} from '../errors.js'
import type {JobDefinitionInfo, JobsApi} from './jobs-api.js'

/** What `<job>` and `--queue` resolve to. */
export interface SubmitTarget {
  definition: JobDefinitionInfo
  jobQueue: string
  /** Default job name: the batch.yaml key, or the definition's name. */
  defaultName: string
}

export interface TargetOptions {
  /** The loaded batch.yaml, when there is one. */
  config?: BatchConfig
  /** `--env`: the environment part of physical names. */
  env?: string
  /** `--queue`: a batch.yaml queue key, or any queue name or ARN. */
  queue?: string
}

function keys(section: Record<string, unknown> | undefined): string[] {
  return Object.keys(section ?? {})
}

/**
 * `<job>` is a batch.yaml `jobDefinitions` key (its physical name's latest ACTIVE revision) or
 * any job definition name, `name:revision` or ARN; the queue is `--queue` or `defaults.queue`,
 * batch.yaml keys becoming physical names.
 */
export async function resolveSubmitTarget(api: JobsApi, job: string, options: TargetOptions): Promise<SubmitTarget> {
  const {config, env} = options
  const definitionKeys = keys(config?.jobDefinitions)
  const fromConfig = config !== undefined && definitionKeys.includes(job)
  const lookup = fromConfig ? physicalName(config.project, env, job) : job
  const definition = await api.describeJobDefinition(lookup)
  if (!definition) {
    const hints = fromConfig
      ? [`run \`batchctl apply\` to register ${lookup}`]
      : definitionKeys.length > 0
        ? [`batch.yaml defines: ${definitionKeys.join(', ')} (did you mean ${closest(job, definitionKeys)}?)`]
        : ['give a batch.yaml jobDefinitions key, a job definition name, name:revision or ARN']
    throw new UserError(`no ACTIVE job definition ${lookup}`, {code: 'job-definition-not-found', hints})
  }
  const queueKey = options.queue ?? config?.defaults?.queue
  if (queueKey === undefined) {
    throw new UserError('no job queue: give --queue or set defaults.queue in batch.yaml', {code: 'no-queue'})
  }
  const jobQueue = config && keys(config.jobQueues).includes(queueKey) ? physicalName(config.project, env, queueKey) : queueKey
  return {definition, jobQueue, defaultName: fromConfig ? job : definition.name}
}
