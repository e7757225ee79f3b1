import {CreateRepositoryCommand, DescribeRepositoriesCommand, ECRClient, InvalidParameterException} from '@aws-sdk/client-ecr'
import {describe, expect, it} from 'vitest'

import {startEmulator} from '../helpers/emulator.js'

// AWS: https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreateRepository.html
//   (imageTagMutability defaults to MUTABLE; repositoryName 2-256 characters of the documented pattern)
// AWS: https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_EncryptionConfiguration.html
//   ("If you don't specify an encryption type, the default is AES256")
// AWS: https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_Repository.html
//   (registryId, repositoryUri, imageScanningConfiguration, encryptionConfiguration in every answer)

async function client() {
  const {config} = await startEmulator({accountId: '111122223333'})
  return new ECRClient({...config, region: 'eu-west-1', maxAttempts: 1})
}

describe('ECR CreateRepository defaults', () => {
  it('fills mutability, scanning, encryption, registry id and URI', async () => {
    const ecr = await client()
    const {repository} = await ecr.send(new CreateRepositoryCommand({repositoryName: 'genomics/align'}))
    expect(repository).toMatchObject({
      repositoryArn: 'arn:aws:ecr:eu-west-1:111122223333:repository/genomics/align',
      registryId: '111122223333',
      repositoryName: 'genomics/align',
      repositoryUri: '111122223333.dkr.ecr.eu-west-1.amazonaws.com/genomics/align',
      imageTagMutability: 'MUTABLE',
      imageScanningConfiguration: {scanOnPush: false},
      encryptionConfiguration: {encryptionType: 'AES256'},
    })
    const {repositories} = await ecr.send(new DescribeRepositoriesCommand({repositoryNames: ['genomics/align']}))
    expect(repositories?.[0]).toEqual(repository)
  })

  it('refuses names outside 2-256 characters of the pattern', async () => {
    const ecr = await client()
    for (const repositoryName of ['a', 'Genomics', 'genomics/', 'x'.repeat(257), 'a--b/../c']) {
      const error = await ecr.send(new CreateRepositoryCommand({repositoryName})).then(
        () => undefined,
        (e: unknown) => e,
      )
      expect(error, repositoryName).toBeInstanceOf(InvalidParameterException)
    }
  })
})
