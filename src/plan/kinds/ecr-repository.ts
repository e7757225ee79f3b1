import {pathUnder} from '../diff.js'
import {nothingSensitive, type KindDescription} from './kind-description.js'

/*
 * ECR: PutImageTagMutability, PutImageScanningConfiguration and PutLifecyclePolicy change a
 * repository in place; encryptionConfiguration "can't be changed after the repository is
 * created" (https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreateRepository.html).
 * The repository name is part of every image URI, so a replace keeps it: delete first, then
 * create (its images are lost, which the plan shows as a replace).
 */
export const ecrRepository: KindDescription<'ecr.repository'> = {
  kind: 'ecr.repository',
  taggable: true,
  disableBeforeDelete: false,
  replaceOrder: 'delete-before-create',
  generatedNameOnReplace: false,
  // CreateRepository: repositoryName 2-256 characters
  // (https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreateRepository.html).
  maxNameLength: 256,
  decide: (diffs) => {
    const enc = diffs.filter((d) => pathUnder(d.path, 'encryptionConfiguration')).map((d) => d.path)
    return enc.length > 0 ? {action: 'replace', forcedBy: enc} : {action: 'update', flavour: 'in-place'}
  },
  isSensitive: nothingSensitive,
}
