import {keys, type PolicyContext} from './policy-context.js'

/** ECR: logging in, reading and managing the project's repositories, and pushing images. */
export function ecrStatements(ctx: PolicyContext): void {
  const {config, everyName, a, deployer, repoOf} = ctx
  const images = keys(config.images)
  if (images.length > 0) {
    deployer.add('EcrLogin', ['ecr:GetAuthorizationToken'], ['*'])
    // Reading the snapshot lists repositories, which needs `*`.
    deployer.add('EcrRead', ['ecr:DescribeRepositories'], ['*'])
    deployer.add(
      'EcrRepositories',
      [
        'ecr:CreateRepository', 'ecr:DeleteRepository', 'ecr:PutLifecyclePolicy', 'ecr:GetLifecyclePolicy', 'ecr:DeleteLifecyclePolicy',
        'ecr:PutImageTagMutability', 'ecr:PutImageScanningConfiguration', 'ecr:TagResource', 'ecr:UntagResource', 'ecr:ListTagsForResource',
        // Pushing images (build / push).
        'ecr:BatchCheckLayerAvailability', 'ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload', 'ecr:PutImage',
        'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer',
      ],
      [...new Set([a.repository(everyName.toLowerCase()), ...images.map(([key]) => a.repository(repoOf(key)))])],
    )
  }
}
