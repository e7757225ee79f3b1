import {defineService} from '../../service.js'

/** EventBridge (being built: operations are added here as they are implemented). */
export const eventsService = defineService<Record<string, never>>({
  signingName: 'events',
  protocol: 'awsJson1_1',
  targetPrefix: 'AWSEvents',
  throttle: {code: 'ThrottlingException', status: 400},
  createState: () => ({}),
  handlers: {},
})
