import type {
  ComputeEnvironmentSpec,
  JobDefinitionSpec,
  JobQueueSpec,
  SchedulingPolicySpec,
} from './batch-specs.js'
import type {EventRuleSpec, ScheduleGroupSpec, ScheduleSpec} from './scheduling-specs.js'
import type {RepositorySpec, StateMachineSpec} from './workflow-specs.js'

/** The normalized spec type of each resource kind. */
export interface SpecByKind {
  'batch.computeEnvironment': ComputeEnvironmentSpec
  'batch.jobQueue': JobQueueSpec
  'batch.schedulingPolicy': SchedulingPolicySpec
  'batch.jobDefinition': JobDefinitionSpec
  'scheduler.scheduleGroup': ScheduleGroupSpec
  'scheduler.schedule': ScheduleSpec
  'events.rule': EventRuleSpec
  'sfn.stateMachine': StateMachineSpec
  'ecr.repository': RepositorySpec
}
