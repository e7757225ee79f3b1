import {defineService} from '../../service.js'

/** ECR (being built: operations are added here as they are implemented). */
export const ecrService = defineService<Record<string, never>>({
  signingName: 'ecr',
  protocol: 'awsJson1_1',
  targetPrefix: 'AmazonEC2ContainerRegistry_V20150921',
  throttle: {code: 'ThrottlingException', status: 400},
  createState: () => ({}),
  handlers: {},
})
