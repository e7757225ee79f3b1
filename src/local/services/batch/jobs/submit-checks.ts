import type {JobDefinition, JobQueueDetail, NodeProperties, SubmitJobRequest} from '@aws-sdk/client-batch'

import {clientException} from '../../../aws-error.js'
import {checkEnvironmentNames} from '../control-plane/container-properties.js'
import {checkRetryStrategy} from '../control-plane/retry-strategy.js'
import {invalid, ValidationFailure} from '../control-plane/validate.js'
import type {BatchState} from '../state.js'
import {jobsRuntime} from './runtime.js'
import {isTerminal} from './status.js'

/**
 * SubmitJob's request checks, as AWS makes them (API reference, "SubmitJob", "NodeOverrides",
 * "ContainerOverrides", "RetryStrategy"). Each throws the ClientException AWS answers with.
 */

const JOB_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/

/** Runs control-plane checks, answering their failures in AWS's validation frame ("Error executing request, Exception : …"). */
export function framed(requestId: string, check: () => void): void {
  try {
    check()
  } catch (error) {
    if (!(error instanceof ValidationFailure)) throw error
    const detail = /[.!?]$/.test(error.detail) ? error.detail : `${error.detail}.`
    throw clientException(`Error executing request, Exception : ${detail}, RequestId: ${requestId}`)
  }
}

/** SubmitJob's checks that do not need the queue or job definition (AWS Batch API reference, "SubmitJob"). */
export function validateInput(input: SubmitJobRequest, requestId: string): void {
  if (!input.jobName || !JOB_NAME.test(input.jobName)) {
    // AWS's own wording for this one, request id included.
    throw clientException(`Error executing request, Exception : Job name should match valid pattern, RequestId: ${requestId}`)
  }
  if (!input.jobQueue) throw clientException('jobQueue is required.')
  if (!input.jobDefinition) throw clientException('jobDefinition is required.')
  const size = input.arrayProperties?.size
  if (input.arrayProperties && (size === undefined || !Number.isInteger(size) || size < 2 || size > 10_000)) {
    throw clientException('Array job size must be between 2 and 10000.')
  }
  const attempts = input.retryStrategy?.attempts
  if (attempts !== undefined && (!Number.isInteger(attempts) || attempts < 1 || attempts > 10)) {
    throw clientException('retryStrategy.attempts must be between 1 and 10.')
  }
  const seconds = input.timeout?.attemptDurationSeconds
  if (seconds !== undefined && (!Number.isInteger(seconds) || seconds < 60)) {
    throw clientException('timeout.attemptDurationSeconds must be at least 60 seconds.')
  }
  // The same RetryStrategy and environment checks as RegisterJobDefinition (at most 5 evaluateOnExit
  // conditions, numeric onExitCode, no AWS_BATCH* variables).
  framed(requestId, () => {
    checkRetryStrategy(input.retryStrategy)
    checkEnvironmentNames(input.containerOverrides?.environment, 'containerOverrides.environment')
    // ContainerOverrides.command: "This parameter can't contain an empty string."
    if (input.containerOverrides?.command?.some((part) => part === '')) throw invalid('containerOverrides.command can\'t contain an empty string')
    for (const [i, override] of (input.nodeOverrides?.nodePropertyOverrides ?? []).entries()) {
      checkEnvironmentNames(override.containerOverrides?.environment, `nodeOverrides.nodePropertyOverrides[${i}].containerOverrides.environment`)
    }
  })
  if ((input.dependsOn?.length ?? 0) > 20) throw clientException('A job can depend on at most 20 jobs.')
  const priority = input.schedulingPriorityOverride
  if (priority !== undefined && (!Number.isInteger(priority) || priority < 0 || priority > 9999)) {
    throw clientException('schedulingPriorityOverride must be between 0 and 9999.')
  }
}

/** SubmitJob shareIdentifier: "This string is limited to 255 alphanumeric characters, and can be followed by an asterisk (*)." */
const SHARE_IDENTIFIER = /^[A-Za-z0-9]{1,255}\*?$/
/** CreateJobQueue schedulingPolicyArn: "Jobs queues with a fair-share scheduling policy can have a maximum of 500 active share identifiers." */
const MAX_ACTIVE_SHARES = 500

/**
 * Fair-share queues need a share identifier; FIFO queues refuse one (API reference, "SubmitJob"
 * shareIdentifier). A queue holds at most 500 active share identifiers: "When the limit has been
 * reached, submissions of any jobs that add a new share identifier fail" (API reference,
 * "CreateJobQueue" schedulingPolicyArn).
 */
export function validateFairShare(state: BatchState, input: SubmitJobRequest, queue: JobQueueDetail): void {
  if (queue.schedulingPolicyArn && !input.shareIdentifier) {
    throw clientException(`Share identifier is required for job queue ${queue.jobQueueArn}, which has a fair share scheduling policy.`)
  }
  if (input.shareIdentifier !== undefined && !SHARE_IDENTIFIER.test(input.shareIdentifier)) {
    throw clientException(`shareIdentifier '${input.shareIdentifier}' must be up to 255 letters and digits, optionally followed by an asterisk (*).`)
  }
  if (queue.schedulingPolicyArn && input.shareIdentifier) {
    const active = new Set<string>()
    for (const id of jobsRuntime(state).byQueue.get(queue.jobQueueName!) ?? []) {
      const job = state.jobs.get(id)
      if (job?.shareIdentifier !== undefined && !isTerminal(job.status)) active.add(job.shareIdentifier)
    }
    if (!active.has(input.shareIdentifier) && active.size >= MAX_ACTIVE_SHARES) {
      throw clientException(`Job queue ${queue.jobQueueArn} already has ${MAX_ACTIVE_SHARES} active share identifiers; a job with the new share identifier ${input.shareIdentifier} can't be added.`)
    }
  }
  if (!queue.schedulingPolicyArn && input.shareIdentifier) {
    throw clientException(`Share identifier can't be set for job queue ${queue.jobQueueArn}, which has no fair share scheduling policy.`)
  }
  // schedulingPriorityOverride on a FIFO queue is accepted and has no effect: it "only affects jobs
  // in job queues with a fair-share policy" (API reference, SubmitJob).
}

export function validateDependencies(state: BatchState, input: SubmitJobRequest, isArray: boolean): void {
  for (const dependency of input.dependsOn ?? []) {
    if (!dependency.jobId) {
      if (dependency.type !== 'SEQUENTIAL' || !isArray) {
        throw clientException('A dependency without a jobId is only valid as a SEQUENTIAL dependency of an array job.')
      }
      continue
    }
    if (!state.jobs.has(dependency.jobId)) throw clientException(`Dependent job ${dependency.jobId} does not exist.`)
    if (dependency.type === 'N_TO_N' && !isArray) throw clientException('An N_TO_N dependency is only valid for an array job.')
  }
}

/**
 * `nodeOverrides.numNodes` (API reference, "NodeOverrides"): "There must be at least one node
 * range in your job definition that has an open upper boundary, such as : or n:. The lower
 * boundary of the node range that's specified in the job definition must be fewer than the
 * number of nodes specified in the override. The main node index that's specified in the job
 * definition must be fewer than the number of nodes specified in the override."
 */
export function checkNumNodesOverride(properties: NodeProperties, numNodes: number): void {
  if (!Number.isInteger(numNodes) || numNodes < 1 || numNodes > 1000) {
    throw clientException('nodeOverrides.numNodes must be between 1 and 1000.')
  }
  const ranges = properties.nodeRangeProperties ?? []
  if (!ranges.some((range) => (range.targetNodes ?? '').endsWith(':'))) {
    throw clientException('nodeOverrides.numNodes needs a node range with an open upper boundary (such as ":" or "n:") in the job definition.')
  }
  for (const range of ranges) {
    const lower = Number((range.targetNodes ?? '').split(':')[0] || 0)
    if (lower >= numNodes) {
      throw clientException(`nodeOverrides.numNodes ${numNodes} must be greater than the lower boundary of node range ${range.targetNodes}.`)
    }
  }
  if ((properties.mainNode ?? 0) >= numNodes) {
    throw clientException(`nodeOverrides.numNodes ${numNodes} must be greater than the main node index ${properties.mainNode}.`)
  }
}

/**
 * `containerOverrides.vcpus` / `memory` can't override a definition that states vCPUs / memory
 * in `resourceRequirements` (User Guide, "Can't override job definition resource requirements").
 */
export function checkDeprecatedOverrides(definition: JobDefinition, input: SubmitJobRequest): void {
  const requirements = definition.containerProperties?.resourceRequirements ?? []
  const has = (type: string): boolean => requirements.some((r) => r.type === type)
  const overrides = input.containerOverrides
  // Fargate takes sizes only as resource requirements; AWS answers the legacy keys with this
  // (as quoted by SDK users, e.g. insitro/redun#95).
  if (definition.platformCapabilities?.includes('FARGATE')) {
    for (const key of ['vcpus', 'memory'] as const) {
      if (overrides?.[key] !== undefined) throw clientException(`${key} is not applicable for Fargate. Use resource requirements instead.`)
    }
  }
  if ((overrides?.vcpus !== undefined && has('VCPU')) || (overrides?.memory !== undefined && has('MEMORY'))) {
    throw clientException(
      "This value was submitted in a deprecated key and may conflict with the value provided by the job definition's resource requirements.",
    )
  }
}
