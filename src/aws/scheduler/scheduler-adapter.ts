import type {ServiceAdapter, SnapshotQuery, StepContext} from '../../apply/adapter.js'
import {BugError} from '../../errors.js'
import type {AnyLiveResource, ResourceKind} from '../../model/index.js'
import type {Step} from '../../plan/index.js'
import type {AdapterOptions} from '../batch/batch-adapter.js'
import type {AwsClients} from '../clients.js'
import {CallerArns} from '../events/caller-arns.js'
import {readSchedules} from './read-schedules.js'
import {createScheduleGroup, deleteScheduleGroup, updateScheduleGroup} from './schedule-group-steps.js'
import {createSchedule, deleteSchedule, updateSchedule} from './schedule-steps.js'
import type {SchedulerEnv} from './scheduler-env.js'

/** Reads and changes EventBridge Scheduler schedule groups and schedules. */
export class SchedulerAdapter implements ServiceAdapter {
  readonly kinds: readonly ResourceKind[] = ['scheduler.scheduleGroup', 'scheduler.schedule']
  private readonly env: SchedulerEnv

  constructor(
    private readonly clients: AwsClients,
    options: AdapterOptions = {},
  ) {
    this.env = {scheduler: clients.scheduler, arns: new CallerArns(clients.sts, clients.target.region), wait: options.wait ?? {}}
  }

  read(query: SnapshotQuery): Promise<AnyLiveResource[]> {
    return readSchedules(this.clients.scheduler, query)
  }

  async execute(step: Step, context: StepContext): Promise<void> {
    const {env} = this
    const name = step.physicalName
    const unsupported = () => new BugError(`${step.kind} has no step ${step.op} (${step.id})`)
    switch (step.kind) {
      case 'scheduler.scheduleGroup':
        if (step.op === 'create') return createScheduleGroup(env, context, name)
        if (step.op === 'update') return updateScheduleGroup(env, context)
        if (step.op === 'delete') return deleteScheduleGroup(env, context, name)
        throw unsupported()
      case 'scheduler.schedule':
        if (step.op === 'create') return createSchedule(env, context, name)
        if (step.op === 'update') return updateSchedule(env, context, name)
        if (step.op === 'delete') return deleteSchedule(env, context, name)
        throw unsupported()
      default:
        throw new BugError(`the Scheduler adapter does not handle ${step.kind}`)
    }
  }
}
