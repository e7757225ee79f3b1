import {defineService} from '../../service.js'
import {authorizationHandlers} from './authorization.js'
import {imageReadHandlers} from './images-read.js'
import {imageWriteHandlers} from './images-write.js'
import {lifecyclePolicyHandlers} from './lifecycle-policy.js'
import {mirrored} from './registry-mirror.js'
import {repositoryHandlers} from './repositories.js'
import {createEcrState, type EcrState, restoreEcrState, saveEcrState} from './state.js'
import {tagHandlers} from './tags.js'

export {type ImagePush, recordImagePush} from './record-image.js'

/**
 * ECR control plane (awsJson1_1, `AmazonEC2ContainerRegistry_V20150921`). Images enter through
 * PutImage or, from other emulator code such as a local registry, `recordImagePush`.
 */
export const ecrService = defineService<EcrState>({
  signingName: 'ecr',
  protocol: 'awsJson1_1',
  targetPrefix: 'AmazonEC2ContainerRegistry_V20150921',
  throttle: {code: 'ThrottlingException', status: 400},
  createState: createEcrState,
  save: saveEcrState,
  restore: restoreEcrState,
  handlers: {
    ...repositoryHandlers,
    ...lifecyclePolicyHandlers,
    ...tagHandlers,
    ...authorizationHandlers,
    ...imageReadHandlers,
    ...imageWriteHandlers,
    // With a fronted registry (`services.ecr.registry`), image reads first look at what was pushed there.
    DescribeImages: mirrored(imageReadHandlers.DescribeImages!),
    ListImages: mirrored(imageReadHandlers.ListImages!),
    BatchGetImage: mirrored(imageReadHandlers.BatchGetImage!),
  },
})
