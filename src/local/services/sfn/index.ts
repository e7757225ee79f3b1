import {defineService} from '../../service.js'

/** Step Functions (being built: operations are added here as they are implemented). */
export const sfnService = defineService<Record<string, never>>({
  signingName: 'states',
  protocol: 'awsJson1_0',
  targetPrefix: 'AWSStepFunctions',
  throttle: {code: 'ThrottlingException', status: 400},
  createState: () => ({}),
  handlers: {},
})
