import type {AdapterRegistry} from '../aws/adapters.js'
import {createAdapters} from '../aws/adapters.js'
import {loadConfig, type LoadedConfig} from '../config/load-config.js'
import {ecrCredentialSource} from '../aws/ecr-auth.js'
import {ImageBuilder} from '../images/image-builder.js'
import {openSession, type AwsSession} from '../services/aws-session.js'
import type {ImageContext} from '../services/images.js'

export interface ProjectFlags {
  file: string
  env?: string
  region?: string
  profile?: string
  local: boolean
}

export interface ProjectSession {
  loaded: LoadedConfig
  session: AwsSession
  registry: AdapterRegistry
  /** Building and pushing the project's images (to ECR, with its credentials). */
  images: ImageContext
}

/**
 * The shared start of commands that act on a project in AWS: a valid batch.yaml first (an
 * invalid one stops here, before any AWS call), then the session and the adapters. The session
 * is closed when `fn` settles.
 */
export async function withProjectSession<T>(flags: ProjectFlags, fn: (project: ProjectSession) => Promise<T>): Promise<T> {
  const loaded = loadConfig(flags.file, flags.env === undefined ? {} : {env: flags.env})
  const session = await openSession({
    ...(flags.region ? {region: flags.region} : {}),
    ...(loaded.config.region ? {configRegion: loaded.config.region} : {}),
    ...(flags.profile ? {profile: flags.profile} : {}),
    local: flags.local,
    projectDir: loaded.baseDir,
  })
  try {
    const builder = new ImageBuilder({baseDir: loaded.baseDir, credentials: ecrCredentialSource(session.clients)})
    const images: ImageContext = {config: loaded.config, ...(loaded.env === undefined ? {} : {env: loaded.env}), clients: session.clients, builder, local: session.local}
    return await fn({loaded, session, registry: createAdapters(session.clients), images})
  } finally {
    await session.close()
  }
}
