import type {JobQueueSpec} from '../../model/index.js'
import {pathUnder} from '../diff.js'
import {nothingSensitive, type Decision, type KindDescription, type RawDiff} from './kind-description.js'

/*
 * UpdateJobQueue changes priority, state, computeEnvironmentOrder, schedulingPolicyArn and
 * jobStateTimeLimitActions in place
 * (https://docs.aws.amazon.com/batch/latest/APIReference/API_UpdateJobQueue.html). But a
 * fair-share scheduling policy "can be replaced but can't be removed", and a FIFO queue (no
 * policy) "can't have a fair-share scheduling policy added" (CreateJobQueue,
 * schedulingPolicyArn): adding or removing the policy is a replace.
 */
function decide(diffs: readonly RawDiff[], before: JobQueueSpec, after: JobQueueSpec): Decision {
  const fairShareToggled = (before.schedulingPolicy === undefined) !== (after.schedulingPolicy === undefined)
  if (fairShareToggled) return {action: 'replace', forcedBy: diffs.filter((d) => pathUnder(d.path, 'schedulingPolicy')).map((d) => d.path)}
  return {action: 'update', flavour: 'in-place'}
}

export const jobQueue: KindDescription<'batch.jobQueue'> = {
  kind: 'batch.jobQueue',
  taggable: true,
  disableBeforeDelete: true,
  replaceOrder: 'create-before-delete',
  generatedNameOnReplace: true,
  // CreateJobQueue: jobQueueName up to 128 letters, numbers, hyphens, underscores
  // (https://docs.aws.amazon.com/batch/latest/APIReference/API_CreateJobQueue.html).
  maxNameLength: 128,
  decide,
  isSensitive: nothingSensitive,
}
