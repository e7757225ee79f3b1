import {closest} from 'fastest-levenshtein'

import {physicalName} from '../config/physical-name.js'
import type {BatchConfig} from '../config/types.generated.js'
import {UserError} from '../errors.js'
import type {QueueRef} from './read-status.js'

/** The job queues of batch.yaml (or the one `--queue` names) with their physical names. */
export function projectQueues(config: Pick<BatchConfig, 'project' | 'jobQueues'>, env: string | undefined, only?: string): QueueRef[] {
  const keys = Object.keys(config.jobQueues ?? {})
  if (only !== undefined && !keys.includes(only)) {
    const hints = keys.length > 0 ? [`batch.yaml defines: ${keys.join(', ')} (did you mean ${closest(only, keys)}?)`] : ['batch.yaml defines no jobQueues']
    throw new UserError(`no job queue ${only} in batch.yaml`, {code: 'queue-not-found', hints})
  }
  return keys.filter((key) => only === undefined || key === only).map((key) => ({key, name: physicalName(config.project, env, key)}))
}
