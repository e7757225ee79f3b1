import {defineService} from '../../service.js'

/**
 * STS, query protocol: only GetCallerIdentity, which batchctl uses to learn the account for
 * ARNs and to check credentials. The emulator accepts any credentials.
 */
export const stsService = defineService<{accountId: string}>({
  signingName: 'sts',
  protocol: 'awsQuery',
  xmlNamespace: 'https://sts.amazonaws.com/doc/2011-06-15/',
  throttle: {code: 'Throttling', status: 400},
  createState: ({accountId}) => ({accountId}),
  handlers: {
    GetCallerIdentity: (_input, {state}) => ({
      UserId: 'AIDABATCHCTLLOCAL0000',
      Account: state.accountId,
      Arn: `arn:aws:iam::${state.accountId}:user/batchctl-local`,
    }),
  },
})
