/** The AWS services batchctl manages resources in; one adapter each under src/aws. */
export type ServiceName = 'batch' | 'scheduler' | 'events' | 'sfn' | 'ecr'

/**
 * Every kind of resource batchctl can plan. A closed union: adding a kind means adding a
 * spec type (spec-by-kind.ts), a description (src/plan/kinds) and an adapter.
 */
export type ResourceKind =
  | 'batch.computeEnvironment'
  | 'batch.jobQueue'
  | 'batch.schedulingPolicy'
  | 'batch.jobDefinition'
  | 'scheduler.scheduleGroup'
  | 'scheduler.schedule'
  | 'events.rule'
  | 'sfn.stateMachine'
  | 'ecr.repository'

/** All kinds, in a stable order (also the order plans list changes of equal rank). */
export const RESOURCE_KINDS: readonly ResourceKind[] = [
  'ecr.repository',
  'batch.schedulingPolicy',
  'batch.computeEnvironment',
  'batch.jobQueue',
  'batch.jobDefinition',
  'sfn.stateMachine',
  'scheduler.scheduleGroup',
  'scheduler.schedule',
  'events.rule',
]

/** The service a kind belongs to: the prefix before the dot. */
export function serviceOf(kind: ResourceKind): ServiceName {
  return kind.slice(0, kind.indexOf('.')) as ServiceName
}
