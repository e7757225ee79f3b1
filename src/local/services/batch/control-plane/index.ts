import {AwsError} from '../../../aws-error.js'
import type {Handler} from '../../../service.js'
import type {BatchState} from '../state.js'
import {computeEnvironmentHandlers} from './compute-environments.js'
import {jobDefinitionHandlers} from './job-definitions.js'
import {jobQueueHandlers} from './job-queues.js'
import {schedulingPolicyHandlers} from './scheduling-policies.js'
import {tagHandlers} from './tags.js'
import {updateComputeEnvironmentHandlers} from './update-compute-environment.js'
import {ValidationFailure} from './validate.js'

/**
 * AWS Batch frames its validation errors as
 * "Error executing request, Exception : Instance role is required., RequestId: <id>", while
 * state errors ("Object already exists", "Cannot delete, found existing JobQueue relationship")
 * come bare. Handlers throw `ValidationFailure` for the former; this adds the frame.
 */
function withValidationWording(handler: Handler<BatchState>): Handler<BatchState> {
  return async (input, ctx) => {
    try {
      return await handler(input, ctx)
    } catch (error) {
      if (!(error instanceof ValidationFailure)) throw error
      const detail = /[.!?]$/.test(error.detail) ? error.detail : `${error.detail}.`
      throw new AwsError('ClientException', `Error executing request, Exception : ${detail}, RequestId: ${ctx.requestId}`, 400)
    }
  }
}

const handlers: Record<string, Handler<BatchState>> = {
  ...computeEnvironmentHandlers,
  ...updateComputeEnvironmentHandlers,
  ...jobQueueHandlers,
  ...jobDefinitionHandlers,
  ...schedulingPolicyHandlers,
  ...tagHandlers,
}

/** Compute environments, job queues, job definitions, scheduling policies and tags. */
export const controlPlaneHandlers: Record<string, Handler<BatchState>> = Object.fromEntries(
  Object.entries(handlers).map(([operation, handler]) => [operation, withValidationWording(handler)]),
)

export {resolveJobDefinition, findRevision} from './job-definitions.js'
export {findComputeEnvironment, findJobQueue} from './lookup.js'
export {restoreControlPlane, saveControlPlane} from './persistence.js'
export {ValidationFailure, invalid} from './validate.js'
