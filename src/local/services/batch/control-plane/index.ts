import type {Handler} from '../../../service.js'
import type {BatchState} from '../state.js'
import {computeEnvironmentHandlers} from './compute-environments.js'
import {jobDefinitionHandlers} from './job-definitions.js'
import {jobQueueHandlers} from './job-queues.js'
import {schedulingPolicyHandlers} from './scheduling-policies.js'
import {tagHandlers} from './tags.js'
import {updateComputeEnvironmentHandlers} from './update-compute-environment.js'

/** Compute environments, job queues, job definitions, scheduling policies and tags. */
export const controlPlaneHandlers: Record<string, Handler<BatchState>> = {
  ...computeEnvironmentHandlers,
  ...updateComputeEnvironmentHandlers,
  ...jobQueueHandlers,
  ...jobDefinitionHandlers,
  ...schedulingPolicyHandlers,
  ...tagHandlers,
}

export {findComputeEnvironment, findJobQueue} from './lookup.js'
export {findRevision, resolveJobDefinition} from './job-definitions.js'
export {restoreControlPlane, saveControlPlane} from './persistence.js'
