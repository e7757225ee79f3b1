import type {JobDetail} from '@aws-sdk/client-batch'

import type {BatchState} from '../state.js'
import type {JobRuntime} from './runtime.js'

/**
 * The environment AWS Batch gives a container (User Guide, "Job environment variables"): the
 * definition's and overrides' variables plus AWS_BATCH_JOB_ID, _ATTEMPT, _ARRAY_INDEX, the
 * multi-node variables, AWS_BATCH_JQ_NAME and AWS_BATCH_CE_NAME.
 */
export function batchEnvironment(state: BatchState, job: JobDetail, rt: JobRuntime): Record<string, string> {
  const env: Record<string, string> = {}
  for (const pair of job.container?.environment ?? []) if (pair.name) env[pair.name] = pair.value ?? ''
  const parent = rt.parentId ? state.jobs.get(rt.parentId) : undefined
  const attemptJob = job.nodeDetails && parent ? parent : job
  env.AWS_BATCH_JOB_ID = job.jobId!
  env.AWS_BATCH_JOB_ATTEMPT = String((attemptJob.attempts?.length ?? 0) + 1)
  env.AWS_BATCH_JQ_NAME = rt.queueName
  env.AWS_BATCH_CE_NAME = rt.computeEnvironment ?? ''
  if (job.arrayProperties?.index !== undefined) env.AWS_BATCH_JOB_ARRAY_INDEX = String(job.arrayProperties.index)
  if (job.nodeDetails && parent?.nodeProperties) {
    env.AWS_BATCH_JOB_NODE_INDEX = String(job.nodeDetails.nodeIndex)
    env.AWS_BATCH_JOB_MAIN_NODE_INDEX = String(parent.nodeProperties.mainNode ?? 0)
    env.AWS_BATCH_JOB_NUM_NODES = String(parent.nodeProperties.numNodes ?? 1)
    // Every node runs on this machine, so the main node is reachable on the loopback address.
    if (!job.nodeDetails.isMainNode) env.AWS_BATCH_JOB_MAIN_NODE_PRIVATE_IPV4_ADDRESS = '127.0.0.1'
  }
  return env
}

/** What a local process needs besides: PATH and friends, and the emulator's endpoint and dummy credentials. */
export function inheritedEnvironment(state: BatchState): Record<string, string> {
  const inherit: Record<string, string> = {}
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'SystemRoot', 'TEMP', 'TMP']) {
    const value = process.env[name]
    if (value !== undefined) inherit[name] = value
  }
  // Commands can call the emulated AWS services, as a container would call AWS.
  return {...inherit, ...state.emulator.env(state.region)}
}
