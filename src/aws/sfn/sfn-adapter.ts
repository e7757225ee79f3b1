import type {ServiceAdapter, SnapshotQuery, StepContext} from '../../apply/adapter.js'
import {BugError} from '../../errors.js'
import type {AnyLiveResource, ResourceKind} from '../../model/index.js'
import type {Step} from '../../plan/index.js'
import type {AdapterOptions} from '../batch/batch-adapter.js'
import type {AwsClients} from '../clients.js'
import {CallerArns} from '../events/caller-arns.js'
import {readStateMachines} from './read-state-machines.js'
import {createStateMachine, deleteStateMachine, updateStateMachine, type SfnEnv} from './state-machine-steps.js'

/** Reads and changes Step Functions state machines (workflows). */
export class SfnAdapter implements ServiceAdapter {
  readonly kinds: readonly ResourceKind[] = ['sfn.stateMachine']
  private readonly env: SfnEnv

  constructor(
    private readonly clients: AwsClients,
    options: AdapterOptions = {},
  ) {
    this.env = {sfn: clients.sfn, arns: new CallerArns(clients.sts, clients.target.region), wait: options.wait ?? {}}
  }

  read(query: SnapshotQuery): Promise<AnyLiveResource[]> {
    return readStateMachines(this.clients.sfn, query)
  }

  async execute(step: Step, context: StepContext): Promise<void> {
    if (step.kind !== 'sfn.stateMachine') throw new BugError(`the Step Functions adapter does not handle ${step.kind}`)
    if (step.op === 'create') return createStateMachine(this.env, context, step.physicalName)
    if (step.op === 'update') return updateStateMachine(this.env, context)
    if (step.op === 'delete') return deleteStateMachine(this.env, context, step.physicalName)
    throw new BugError(`sfn.stateMachine has no step ${step.op} (${step.id})`)
  }
}
