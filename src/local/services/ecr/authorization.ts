import {randomBytes} from 'node:crypto'

import type {Handler} from '../../service.js'
import {Constraints} from '../logs/constraints.js'
import {seconds} from './lookup.js'
import {ecrOptions, type EcrState, registryHost} from './state.js'

// AWS: GetAuthorizationToken — Amazon ECR API Reference
// (https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_GetAuthorizationToken.html):
// the token is base64 of `AWS:<password>`, valid for 12 hours; proxyEndpoint is the registry URL.

const TOKEN_LIFETIME_MS = 12 * 3_600_000

const getAuthorizationToken: Handler<EcrState> = (input, {state, clock}) => {
  new Constraints('ecr').list('registryIds', input.registryIds, {min: 1, max: 10}).check()
  const registries: string[] = input.registryIds ?? [state.accountId]
  for (const id of registries) new Constraints('ecr').string('registryIds.member', id, {pattern: /[0-9]{12}/}).check()
  const expiresAt = seconds(clock.now() + TOKEN_LIFETIME_MS)
  return {
    authorizationData: registries.map((registryId) => ({
      authorizationToken: Buffer.from(`AWS:${randomBytes(48).toString('base64')}`).toString('base64'),
      expiresAt,
      proxyEndpoint: ecrOptions(state).registry ? `http://${registryHost(state)}` : `https://${registryId}.dkr.ecr.${state.region}.amazonaws.com`,
    })),
  }
}

export const authorizationHandlers: Record<string, Handler<EcrState>> = {GetAuthorizationToken: getAuthorizationToken}
