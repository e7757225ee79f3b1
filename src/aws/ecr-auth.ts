import {GetAuthorizationTokenCommand} from '@aws-sdk/client-ecr'

import type {CredentialSource, RegistryCredentials} from '../images/registry/auth.js'
import type {AwsClients} from './clients.js'

/**
 * Registry credentials from ECR's GetAuthorizationToken (a base64 `AWS:<password>` valid for
 * 12 hours), fetched once and cached until shortly before it expires. Only the registry named
 * by the token's proxyEndpoint gets them; others (public base images) are pulled anonymously.
 */
export function ecrCredentialSource(clients: AwsClients, now: () => number = Date.now): CredentialSource {
  let cached: {registry: string; credentials: RegistryCredentials; expiresAt: number} | undefined
  let pending: Promise<void> | undefined
  return async (registry) => {
    if (!/\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/.test(registry) && !clients.target.endpoint) return undefined
    if (!cached || cached.expiresAt - 60_000 < now()) {
      pending ??= (async () => {
        const response = await clients.ecr.send(new GetAuthorizationTokenCommand({}))
        const data = response.authorizationData?.[0]
        if (!data?.authorizationToken) throw new Error('ECR returned no authorization token')
        const decoded = Buffer.from(data.authorizationToken, 'base64').toString('utf8')
        const colon = decoded.indexOf(':')
        cached = {
          registry: new URL(data.proxyEndpoint ?? `https://${registry}`).host,
          credentials: {username: decoded.slice(0, colon), password: decoded.slice(colon + 1)},
          expiresAt: data.expiresAt?.getTime() ?? now() + 3_600_000,
        }
      })().finally(() => (pending = undefined))
      await pending
    }
    // Only the registry the token is for gets it: never a base image's registry.
    return cached?.registry === registry ? cached.credentials : undefined
  }
}
