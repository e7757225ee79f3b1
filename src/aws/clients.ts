import {BatchClient} from '@aws-sdk/client-batch'
import {CloudWatchLogsClient} from '@aws-sdk/client-cloudwatch-logs'
import {ECRClient} from '@aws-sdk/client-ecr'
import {EventBridgeClient} from '@aws-sdk/client-eventbridge'
import {SchedulerClient} from '@aws-sdk/client-scheduler'
import {SFNClient} from '@aws-sdk/client-sfn'
import {GetCallerIdentityCommand, STSClient} from '@aws-sdk/client-sts'
import {defaultProvider} from '@aws-sdk/credential-provider-node'
import {NodeHttpHandler} from '@smithy/node-http-handler'
import {Agent as HttpAgent} from 'node:http'
import {Agent as HttpsAgent} from 'node:https'

/** Where and as whom batchctl talks to AWS. */
export interface AwsTarget {
  region: string
  /** Set for the emulator (`--local`); otherwise the SDK's own resolution, including `AWS_ENDPOINT_URL*`. */
  endpoint?: string
  profile?: string
  /** Static credentials (the emulator accepts any); otherwise the standard credential chain. */
  credentials?: {accessKeyId: string; secretAccessKey: string}
  /** SDK attempts per call (default 8: apply and follow must ride out throttling). */
  maxAttempts?: number
}

export const LOCAL_CREDENTIALS = {accessKeyId: 'batchctl-local', secretAccessKey: 'batchctl-local'}

/**
 * One set of SDK clients sharing one HTTP agent (keep-alive, bounded sockets) and one
 * credential provider, created lazily so a command pays only for the services it uses.
 * The only place besides the emulator that constructs SDK clients.
 */
export class AwsClients {
  private readonly config: Record<string, unknown>
  private readonly cache = new Map<string, unknown>()

  constructor(readonly target: AwsTarget) {
    const agentOptions = {keepAlive: true, maxSockets: 50}
    this.config = {
      region: target.region,
      maxAttempts: target.maxAttempts ?? 8,
      requestHandler: new NodeHttpHandler({
        httpAgent: new HttpAgent(agentOptions),
        httpsAgent: new HttpsAgent(agentOptions),
        connectionTimeout: 5_000,
        requestTimeout: 60_000,
      }),
      credentials: target.credentials ?? defaultProvider(target.profile ? {profile: target.profile} : {}),
      ...(target.endpoint ? {endpoint: target.endpoint} : {}),
    }
  }

  private client<T>(name: string, make: (config: Record<string, unknown>) => T): T {
    let client = this.cache.get(name) as T | undefined
    if (!client) {
      client = make(this.config)
      this.cache.set(name, client)
    }
    return client
  }

  get batch(): BatchClient {
    return this.client('batch', (config) => new BatchClient(config))
  }

  get logs(): CloudWatchLogsClient {
    // StartLiveTail carries a `streaming-` host prefix, which a local endpoint cannot take.
    return this.client('logs', (config) => new CloudWatchLogsClient({...config, disableHostPrefix: Boolean(this.target.endpoint)}))
  }

  get events(): EventBridgeClient {
    return this.client('events', (config) => new EventBridgeClient(config))
  }

  get scheduler(): SchedulerClient {
    return this.client('scheduler', (config) => new SchedulerClient(config))
  }

  get sfn(): SFNClient {
    return this.client('sfn', (config) => new SFNClient(config))
  }

  get ecr(): ECRClient {
    return this.client('ecr', (config) => new ECRClient(config))
  }

  get sts(): STSClient {
    return this.client('sts', (config) => new STSClient(config))
  }

  private account: Promise<string> | undefined

  /** The account the credentials belong to (STS GetCallerIdentity, asked once per process). */
  accountId(): Promise<string> {
    this.account ??= this.sts.send(new GetCallerIdentityCommand({})).then((identity) => {
      if (!identity.Account) throw new Error('STS GetCallerIdentity returned no account')
      return identity.Account
    })
    return this.account
  }

  /** Close sockets so the process can exit promptly. */
  destroy(): void {
    for (const client of this.cache.values()) (client as {destroy(): void}).destroy()
    this.cache.clear()
  }
}
