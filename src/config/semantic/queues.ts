import type {Diagnostic} from '../diagnostic.js'
import type {BatchConfig} from '../types.generated.js'
import {diagnostic, entries} from './context.js'
import {computePlatform} from './platform.js'

/** AWS Batch accepts at most 3 compute environments per job queue (CreateJobQueue). */
export const MAX_QUEUE_COMPUTE_ENVIRONMENTS = 3

/**
 * A queue has at most 3 compute environments, all Fargate (FARGATE/FARGATE_SPOT) or all EC2
 * (EC2/SPOT): AWS Batch rejects a queue that mixes them.
 */
export function checkQueues(config: BatchConfig): Diagnostic[] {
  const out: Diagnostic[] = []
  for (const [key, queue] of entries(config.jobQueues)) {
    const path = ['jobQueues', key, 'computeEnvironments']
    if (queue.computeEnvironments.length > MAX_QUEUE_COMPUTE_ENVIRONMENTS) {
      out.push(
        diagnostic('too-many-compute-environments', [...path, MAX_QUEUE_COMPUTE_ENVIRONMENTS], `Job queue "${key}" lists ${queue.computeEnvironments.length} compute environments; AWS Batch allows at most ${MAX_QUEUE_COMPUTE_ENVIRONMENTS}.`, {
          expected: `at most ${MAX_QUEUE_COMPUTE_ENVIRONMENTS} compute environments`,
          hint: 'split the queue, or raise maxvCpus of fewer environments',
        }),
      )
    }
    let first: {key: string; type: string; platform: string} | undefined
    for (const [i, ceKey] of queue.computeEnvironments.entries()) {
      const ce = config.computeEnvironments?.[ceKey]
      if (ce === undefined) continue // a dangling reference, reported by the reference check
      const platform = computePlatform(ce)
      if (first === undefined) {
        first = {key: ceKey, type: ce.type, platform}
      } else if (platform !== first.platform) {
        out.push(
          diagnostic('mixed-compute-environments', [...path, i], `Job queue "${key}" mixes ${ce.type} compute environment "${ceKey}" with ${first.type} "${first.key}".`, {
            expected: first.platform === 'FARGATE' ? 'only FARGATE or FARGATE_SPOT environments' : 'only EC2 or SPOT environments',
            hint: 'use one queue per platform',
          }),
        )
      }
    }
  }
  return out
}
