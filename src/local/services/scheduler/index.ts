import {defineService} from '../../service.js'

/** EventBridge Scheduler (being built: operations are added here as they are implemented). */
export const schedulerService = defineService<Record<string, never>>({
  signingName: 'scheduler',
  protocol: 'restJson1',

  throttle: {code: 'ThrottlingException', status: 429},
  createState: () => ({}),
  handlers: {},
})
