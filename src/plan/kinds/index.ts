import type {ResourceKind} from '../../model/index.js'
import {computeEnvironment} from './compute-environment.js'
import {ecrRepository} from './ecr-repository.js'
import {eventRule} from './event-rule.js'
import {jobDefinition} from './job-definition.js'
import {jobQueue} from './job-queue.js'
import type {KindDescription} from './kind-description.js'
import {schedule} from './schedule.js'
import {scheduleGroup} from './schedule-group.js'
import {schedulingPolicy} from './scheduling-policy.js'
import {stateMachine} from './state-machine.js'

/** The description of every kind; a missing kind is a type error. */
export const KINDS: {[K in ResourceKind]: KindDescription<K>} = {
  'batch.computeEnvironment': computeEnvironment,
  'batch.jobQueue': jobQueue,
  'batch.schedulingPolicy': schedulingPolicy,
  'batch.jobDefinition': jobDefinition,
  'scheduler.scheduleGroup': scheduleGroup,
  'scheduler.schedule': schedule,
  'events.rule': eventRule,
  'sfn.stateMachine': stateMachine,
  'ecr.repository': ecrRepository,
}

/** The description of one kind, typed loosely for generic code. */
export function describeKind(kind: ResourceKind): KindDescription<ResourceKind> {
  return KINDS[kind] as unknown as KindDescription<ResourceKind>
}

export type {Decision, KindDescription, RawDiff} from './kind-description.js'
