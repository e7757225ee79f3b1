import type {ServiceAdapter, SnapshotQuery, StepContext} from '../../apply/adapter.js'
import {BugError} from '../../errors.js'
import type {AnyLiveResource, ResourceKind} from '../../model/index.js'
import type {Step} from '../../plan/index.js'
import type {AwsClients} from '../clients.js'
import {readRepositories} from './read-repositories.js'
import {createRepository, deleteRepository, updateRepository} from './repository-steps.js'

/** Reads and changes the ECR repositories job images are pushed to. */
export class EcrAdapter implements ServiceAdapter {
  readonly kinds: readonly ResourceKind[] = ['ecr.repository']

  constructor(private readonly clients: AwsClients) {}

  read(query: SnapshotQuery): Promise<AnyLiveResource[]> {
    return readRepositories(this.clients.ecr, query)
  }

  async execute(step: Step, context: StepContext): Promise<void> {
    if (step.kind !== 'ecr.repository') throw new BugError(`the ECR adapter does not handle ${step.kind}`)
    const ecr = this.clients.ecr
    if (step.op === 'create') return createRepository(ecr, context, step.physicalName)
    if (step.op === 'update') return updateRepository(ecr, context, step.physicalName)
    if (step.op === 'delete') return deleteRepository(ecr, context, step.physicalName)
    throw new BugError(`ecr.repository has no step ${step.op} (${step.id})`)
  }
}
