import {defineService} from '../../service.js'

/** CloudWatch Logs (being built: operations are added here as they are implemented). */
export const logsService = defineService<Record<string, never>>({
  signingName: 'logs',
  protocol: 'awsJson1_1',
  targetPrefix: 'Logs_20140328',
  throttle: {code: 'ThrottlingException', status: 400},
  createState: () => ({}),
  handlers: {},
})
