import type {Clock} from './clock.js'
import type {Emulator} from './emulator.js'

/** The wire protocols AWS services speak (Smithy protocol names). */
export type Protocol = 'restJson1' | 'awsJson1_0' | 'awsJson1_1' | 'awsQuery'

/** Where a restJson1 request member comes from besides the JSON body. */
export type QueryBinding = string | {member: string; type: 'string' | 'list' | 'number' | 'boolean'}

/** One restJson1 route: method + path template (`/schedules/{Name}`, greedy `{ResourceArn+}`). */
export interface RestRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'HEAD'
  path: string
  operation: string
  /** Query parameter name → input member. Path labels bind to the member of the same name. */
  query?: Record<string, QueryBinding>
  /** HTTP status of a successful answer (default 200). */
  status?: number
}

/** What a handler sees besides its input. */
export interface RequestContext<S> {
  state: S
  region: string
  accountId: string
  emulator: Emulator
  clock: Clock
  requestId: string
}

/** A response that streams (CloudWatch Logs StartLiveTail): raw headers and body chunks. */
export class StreamingResponse {
  constructor(
    readonly headers: Record<string, string>,
    readonly body: AsyncIterable<Uint8Array>,
    /** Called when the client goes away, so a waiting producer can stop. */
    readonly onClose?: () => void,
  ) {}
}

export type Handler<S> = (input: any, ctx: RequestContext<S>) => unknown

/**
 * One emulated AWS service. State is created per region, like AWS's regional endpoints.
 */
export interface ServiceDefinition<S = any> {
  /** SigV4 signing name from the request's credential scope: batch, scheduler, events, states, ecr, logs, sts. */
  signingName: string
  protocol: Protocol
  /** awsJson: the `X-Amz-Target` prefix, e.g. `AWSEvents`. */
  targetPrefix?: string
  /** awsQuery: the XML namespace of responses. */
  xmlNamespace?: string
  /** restJson1 routes. */
  routes?: RestRoute[]
  handlers: Record<string, Handler<S>>
  /** The error AWS uses when this service throttles: code and HTTP status. */
  throttle: {code: string; status: number}
  createState(init: {region: string; accountId: string; emulator: Emulator}): S
  /** Called once per region state when the emulator stops (cancel background work). */
  dispose?(state: S): void
  /** Plain JSON of the state, for `--state file`; restore is given what this returned. */
  save?(state: S): unknown
  restore?(state: S, saved: unknown): void
}

/** Identity helper that keeps the state type when defining a service. */
export function defineService<S>(definition: ServiceDefinition<S>): ServiceDefinition<S> {
  return definition
}
