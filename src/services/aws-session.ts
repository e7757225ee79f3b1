import {AwsClients, type AwsTarget} from '../aws/clients.js'
import {connectLocal} from '../aws/local-target.js'

export interface SessionOptions {
  /** `--region`, then batch.yaml's `region`, then AWS_REGION / AWS_DEFAULT_REGION, then us-east-1. */
  region?: string
  configRegion?: string
  profile?: string
  /** `--local`: the embedded emulator (a running `batchctl local start`, or one in this process). */
  local?: boolean
  /** Folder of batch.yaml: where an in-process emulator keeps its state. */
  projectDir: string
}

export interface AwsSession {
  clients: AwsClients
  target: AwsTarget
  /** True when talking to the emulator. */
  local: boolean
  /** The account the credentials belong to (STS GetCallerIdentity, asked once). */
  accountId(): Promise<string>
  close(): Promise<void>
}


export function resolveRegion(options: Pick<SessionOptions, 'region' | 'configRegion'>): string {
  return options.region ?? options.configRegion ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1'
}

/** Opens the SDK clients a command uses: real AWS through the standard chain, or the emulator. */
export async function openSession(options: SessionOptions): Promise<AwsSession> {
  const region = resolveRegion(options)
  if (options.local) {
    const connection = await connectLocal({region, projectDir: options.projectDir})
    const clients = new AwsClients(connection.target)
    return {
      clients,
      target: connection.target,
      local: true,
      accountId: () => clients.accountId(),
      close: async () => {
        clients.destroy()
        await connection.close()
      },
    }
  }
  const target: AwsTarget = {region, ...(options.profile ? {profile: options.profile} : {})}
  const clients = new AwsClients(target)
  return {clients, target, local: false, accountId: () => clients.accountId(), close: async () => clients.destroy()}
}
