import type {ServiceAdapter} from '../apply/adapter.js'
import {BugError} from '../errors.js'
import type {ResourceKind} from '../model/index.js'
import {BatchAdapter, type AdapterOptions} from './batch/batch-adapter.js'
import type {AwsClients} from './clients.js'
import {EcrAdapter} from './ecr/ecr-adapter.js'
import {EventsAdapter} from './events/events-adapter.js'
import {SchedulerAdapter} from './scheduler/scheduler-adapter.js'
import {SfnAdapter} from './sfn/sfn-adapter.js'

export type {AdapterOptions} from './batch/batch-adapter.js'

/** The service adapters by resource kind. Kinds without an adapter yet are absent. */
export interface AdapterRegistry {
  /** Every adapter once (read a snapshot through each). */
  adapters: readonly ServiceAdapter[]
  /** The adapter of a kind; a BugError when there is none. */
  forKind(kind: ResourceKind): ServiceAdapter
}

/** A registry over the given adapters (each kind handled by exactly one). */
export function registryOf(adapters: readonly ServiceAdapter[]): AdapterRegistry {
  const byKind = new Map<ResourceKind, ServiceAdapter>()
  for (const adapter of adapters) {
    for (const kind of adapter.kinds) {
      if (byKind.has(kind)) throw new BugError(`two adapters handle ${kind}`)
      byKind.set(kind, adapter)
    }
  }
  return {
    adapters,
    forKind(kind) {
      const adapter = byKind.get(kind)
      if (adapter === undefined) throw new BugError(`no adapter handles ${kind} yet`)
      return adapter
    },
  }
}

/** Every service adapter (Batch, ECR, Scheduler, EventBridge, Step Functions), sharing one set of clients. */
export function createAdapters(clients: AwsClients, options: AdapterOptions = {}): AdapterRegistry {
  return registryOf([
    new BatchAdapter(clients, options),
    new EcrAdapter(clients),
    new SchedulerAdapter(clients, options),
    new EventsAdapter(clients),
    new SfnAdapter(clients, options),
  ])
}
