import {randomUUID} from 'node:crypto'
import {readFileSync, writeFileSync} from 'node:fs'
import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'

import {AwsError} from './aws-error.js'
import {CallLog} from './call-log.js'
import {Clock} from './clock.js'
import {type FaultOptions, Faults} from './faults.js'
import type {RequestContext, ServiceDefinition} from './service.js'
import {StreamingResponse} from './service.js'
import {allServices} from './services/index.js'
import {credentialScope, decodeRequest, encodeError, encodeResult, type EncodedResponse} from './wire.js'

export const DEFAULT_ACCOUNT_ID = '123456789012'
export const DEFAULT_REGION = 'us-east-1'
/** AWS rejects bodies far smaller than this; the cap only protects the emulator. */
const MAX_BODY_BYTES = 20 * 1024 * 1024

export interface EmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number
  host?: string
  accountId?: string
  /** Virtual time: `speed` virtual ms per real ms, optional start. */
  clock?: {speed?: number; start?: number}
  faults?: FaultOptions
  /** Run job commands as local processes instead of simulating them. */
  exec?: boolean
  /** Per-service options, keyed by signing name (each service documents its own). */
  services?: Record<string, unknown>
  /** Services to serve (default: all). */
  serviceDefinitions?: ServiceDefinition[]
  /** Load state from this file at start and save it there at stop. */
  stateFile?: string
}

/**
 * The embedded AWS-compatible emulator: one HTTP port that serves every emulated service,
 * picking the service from the request's SigV4 credential scope, as the real SDK clients
 * send it with `AWS_ENDPOINT_URL`.
 */
export class Emulator {
  readonly calls = new CallLog()
  readonly faults: Faults
  readonly clock: Clock
  readonly accountId: string
  private readonly services = new Map<string, ServiceDefinition>()
  private readonly states = new Map<string, unknown>()
  private server: Server | undefined
  private url_ = ''

  constructor(readonly options: EmulatorOptions = {}) {
    this.accountId = options.accountId ?? DEFAULT_ACCOUNT_ID
    this.clock = new Clock(options.clock?.speed ?? 1, options.clock?.start)
    this.faults = new Faults(options.faults)
    for (const service of options.serviceDefinitions ?? allServices()) this.services.set(service.signingName, service)
    if (options.stateFile) this.loadState(options.stateFile)
  }

  /** Starts an emulator listening on 127.0.0.1 (a random port unless one is given). */
  static async start(options: EmulatorOptions = {}): Promise<Emulator> {
    const emulator = new Emulator(options)
    await emulator.listen()
    return emulator
  }

  get url(): string {
    return this.url_
  }

  /** Environment for SDK clients and child processes: endpoint, region and dummy credentials. */
  env(region = DEFAULT_REGION): Record<string, string> {
    return {
      AWS_ENDPOINT_URL: this.url_,
      AWS_REGION: region,
      AWS_ACCESS_KEY_ID: 'batchctl-local',
      AWS_SECRET_ACCESS_KEY: 'batchctl-local',
    }
  }

  /** The state of one service in one region, created on first use. */
  state<S>(signingName: string, region = DEFAULT_REGION): S {
    const key = `${signingName}/${region}`
    let state = this.states.get(key)
    if (state === undefined) {
      const service = this.serviceFor(signingName)
      state = service.createState({region, accountId: this.accountId, emulator: this})
      this.states.set(key, state)
    }
    return state as S
  }

  /**
   * Calls an operation from inside the emulator (a schedule submitting a job, a state machine
   * calling Batch): same validation and state as over HTTP, no faults, logged as internal.
   */
  async invoke<T = any>(signingName: string, operation: string, input: unknown, region = DEFAULT_REGION): Promise<T> {
    const service = this.serviceFor(signingName)
    const handler = service.handlers[operation]
    if (!handler) throw new AwsError('UnknownOperationException', `${signingName} has no operation ${operation}`)
    return (await handler(structuredClone(input ?? {}), this.context(service, region, randomUUID()))) as T
  }

  async listen(): Promise<void> {
    const server = createServer((req, res) => void this.handle(req, res))
    server.keepAliveTimeout = 60_000
    this.server = server
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(this.options.port ?? 0, this.options.host ?? '127.0.0.1', () => resolve())
    })
    const address = server.address() as AddressInfo
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
    this.url_ = `http://${host}:${address.port}`
  }

  async stop(): Promise<void> {
    if (this.options.stateFile) this.saveState(this.options.stateFile)
    this.clock.stop()
    for (const [key, state] of this.states) this.serviceFor(key.split('/')[0]!).dispose?.(state)
    const server = this.server
    this.server = undefined
    if (!server) return
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  saveState(file: string): void {
    const saved: Record<string, unknown> = {}
    for (const [key, state] of this.states) {
      const service = this.serviceFor(key.split('/')[0]!)
      if (service.save) saved[key] = service.save(state)
    }
    writeFileSync(file, JSON.stringify({version: 1, accountId: this.accountId, states: saved}))
  }

  private loadState(file: string): void {
    let saved: {states?: Record<string, unknown>}
    try {
      saved = JSON.parse(readFileSync(file, 'utf8'))
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return
      throw error
    }
    for (const [key, value] of Object.entries(saved.states ?? {})) {
      const [name, region] = key.split('/')
      const service = this.services.get(name!)
      if (service?.restore) service.restore(this.state(name!, region), value)
    }
  }

  private serviceFor(signingName: string): ServiceDefinition {
    const service = this.services.get(signingName)
    if (!service) throw new AwsError('UnrecognizedClientException', `The emulator does not serve ${signingName}`, 400)
    return service
  }

  private context(service: ServiceDefinition, region: string, requestId: string): RequestContext<unknown> {
    return {
      state: this.state(service.signingName, region),
      region,
      accountId: this.accountId,
      emulator: this,
      clock: this.clock,
      requestId,
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now()
    const time = this.clock.now()
    const requestId = randomUUID()
    const scope = credentialScope(req.headers.authorization)
    const service = scope ? this.services.get(scope.service) : undefined
    const region = scope?.region ?? DEFAULT_REGION
    let operation = 'Unknown'
    let input: unknown = {}
    let response: EncodedResponse
    let injected = false
    let dropResponse = false
    try {
      const body = await readBody(req)
      if (!scope) {
        throw new AwsError('MissingAuthenticationTokenException', 'Missing Authentication Token', 403)
      }
      if (!service) throw new AwsError('UnrecognizedClientException', `The emulator does not serve ${scope.service}`, 400)
      const url = new URL(req.url ?? '/', 'http://localhost')
      const decoded = decodeRequest(service, req.method ?? 'GET', url, req.headers, body)
      operation = decoded.operation
      input = decoded.input
      const fault = this.faults.decide(service.signingName, operation)
      dropResponse = fault.dropResponse === true
      if (fault.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, fault.latencyMs))
      if (fault.fail) {
        injected = true
        throw fault.fail === 'throttle'
          ? new AwsError(service.throttle.code, 'Rate exceeded', service.throttle.status)
          : new AwsError('InternalFailure', 'We encountered an internal error. Please try again.', 500)
      }
      const handler = service.handlers[operation]
      if (!handler) throw new AwsError('UnknownOperationException', `The emulator does not implement ${operation}`, 400)
      const output = await handler(decoded.input, this.context(service, region, requestId))
      if (output instanceof StreamingResponse) {
        this.record(service.signingName, operation, region, time, 200, input, started)
        await streamResponse(res, output, requestId)
        return
      }
      const status = service.routes?.find((route) => route.operation === operation)?.status ?? 200
      response = encodeResult(service, operation, output, requestId, status)
    } catch (error) {
      const awsError =
        error instanceof AwsError
          ? error
          : new AwsError('InternalFailure', `Emulator bug: ${(error as Error)?.message ?? error}`, 500)
      if (!(error instanceof AwsError)) console.error(error)
      response = encodeError(service, awsError, requestId)
    }
    this.record(service?.signingName ?? scope?.service ?? 'unknown', operation, region, time, response.status, input, started, response, injected || dropResponse)
    if (dropResponse) {
      // The call happened; the answer is lost (a reset connection, as after a network failure).
      req.socket.destroy()
      return
    }
    res.writeHead(response.status, {...response.headers, 'content-length': Buffer.byteLength(response.body)})
    res.end(response.body)
  }

  private record(
    service: string,
    operation: string,
    region: string,
    time: number,
    status: number,
    input: unknown,
    started: number,
    response?: EncodedResponse,
    injected = false,
  ): void {
    const error =
      status >= 400 && response
        ? (response.headers['x-amzn-errortype'] ??
          (/"__type":"([^"]+)"/.exec(response.body)?.[1] || /<Code>([^<]+)<\/Code>/.exec(response.body)?.[1]))
        : undefined
    this.calls.add({
      time,
      service,
      operation,
      region,
      status,
      input,
      durationMs: performance.now() - started,
      ...(error ? {error} : {}),
      ...(injected ? {injected} : {}),
    })
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        reject(new AwsError('RequestEntityTooLargeException', 'Request body too large', 413))
        req.destroy()
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

async function streamResponse(res: ServerResponse, response: StreamingResponse, requestId: string): Promise<void> {
  res.writeHead(200, {...response.headers, 'x-amzn-requestid': requestId})
  res.flushHeaders()
  let closed = false
  res.on('close', () => {
    closed = true
    response.onClose?.()
  })
  for await (const chunk of response.body) {
    if (closed) break
    res.write(chunk)
  }
  res.end()
}
