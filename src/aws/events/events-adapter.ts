import type {ServiceAdapter, SnapshotQuery, StepContext} from '../../apply/adapter.js'
import {BugError} from '../../errors.js'
import type {AnyLiveResource, ResourceKind} from '../../model/index.js'
import type {Step} from '../../plan/index.js'
import type {AwsClients} from '../clients.js'
import {CallerArns} from './caller-arns.js'
import {readRules} from './read-rules.js'
import {createRule, deleteRule, updateRule, type EventsEnv} from './rule-steps.js'

/** Reads and changes EventBridge rules (triggers, and schedules in `rule` mode) with their targets. */
export class EventsAdapter implements ServiceAdapter {
  readonly kinds: readonly ResourceKind[] = ['events.rule']
  private readonly env: EventsEnv

  constructor(private readonly clients: AwsClients) {
    this.env = {events: clients.events, arns: new CallerArns(clients.sts, clients.target.region)}
  }

  read(query: SnapshotQuery): Promise<AnyLiveResource[]> {
    return readRules(this.clients.events, query)
  }

  async execute(step: Step, context: StepContext): Promise<void> {
    if (step.kind !== 'events.rule') throw new BugError(`the EventBridge adapter does not handle ${step.kind}`)
    if (step.op === 'create') return createRule(this.env, context, step.physicalName)
    if (step.op === 'update') return updateRule(this.env, context, step.physicalName)
    if (step.op === 'delete') return deleteRule(this.env, context, step.physicalName)
    throw new BugError(`events.rule has no step ${step.op} (${step.id})`)
  }
}
