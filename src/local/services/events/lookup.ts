import {AwsError} from '../../aws-error.js'
import {type EventBusRecord, type EventsState, type RuleRecord, ruleKey} from './state.js'

export const busNotFound = (name: string): AwsError =>
  new AwsError('ResourceNotFoundException', `Event bus ${name} does not exist.`, 400)

export const ruleNotFound = (name: string, bus: string): AwsError =>
  new AwsError('ResourceNotFoundException', `Rule ${name} does not exist on EventBus ${bus}.`, 400)

/** EventBusName may be a name or an ARN; omitted means the default bus. */
export function busName(nameOrArn: unknown): string {
  if (typeof nameOrArn !== 'string' || nameOrArn === '') return 'default'
  const arn = /^arn:aws[\w-]*:events:[^:]*:\d*:event-bus\/(.+)$/.exec(nameOrArn)
  return arn ? arn[1]! : nameOrArn
}

export function findBus(state: EventsState, nameOrArn: unknown): EventBusRecord {
  const name = busName(nameOrArn)
  const bus = state.buses.get(name)
  if (!bus) throw busNotFound(name)
  return bus
}

export function findRule(state: EventsState, name: string, nameOrArn: unknown): RuleRecord {
  const bus = findBus(state, nameOrArn)
  const rule = state.rules.get(ruleKey(bus.Name, name))
  if (!rule) throw ruleNotFound(name, bus.Name)
  return rule
}

/** The bus or rule an events ARN names, for the tagging operations. */
export function resourceByArn(state: EventsState, arn: string): EventBusRecord | RuleRecord {
  for (const bus of state.buses.values()) if (bus.Arn === arn) return bus
  for (const rule of state.rules.values()) if (rule.Arn === arn) return rule
  const rule = /:rule\/(?:([^/]+)\/)?([^/]+)$/.exec(arn)
  if (rule) throw ruleNotFound(rule[2]!, rule[1] ?? 'default')
  const bus = /:event-bus\/(.+)$/.exec(arn)
  throw busNotFound(bus?.[1] ?? arn)
}
