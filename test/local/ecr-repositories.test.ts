import {
  CreateRepositoryCommand,
  DeleteLifecyclePolicyCommand,
  DeleteRepositoryCommand,
  DescribeRepositoriesCommand,
  ECRClient,
  GetAuthorizationTokenCommand,
  GetLifecyclePolicyCommand,
  InvalidParameterException,
  InvalidTagParameterException,
  LifecyclePolicyNotFoundException,
  ListTagsForResourceCommand,
  paginateDescribeRepositories,
  PutImageScanningConfigurationCommand,
  PutImageTagMutabilityCommand,
  PutLifecyclePolicyCommand,
  RepositoryAlreadyExistsException,
  RepositoryNotEmptyException,
  RepositoryNotFoundException,
  TagResourceCommand,
  TooManyTagsException,
  UntagResourceCommand,
} from '@aws-sdk/client-ecr'
import {describe, expect, it} from 'vitest'

import {recordImagePush} from '../../src/local/services/ecr/index.js'
import {startEmulator} from '../helpers/emulator.js'

async function client() {
  const {emulator, config} = await startEmulator({accountId: '111122223333'})
  return {emulator, ecr: new ECRClient({...config, region: 'eu-west-1'})}
}

const keepTen = JSON.stringify({
  rules: [
    {
      rulePriority: 1,
      description: 'Expire untagged images after 14 days',
      selection: {tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 14},
      action: {type: 'expire'},
    },
    {
      rulePriority: 2,
      description: 'Keep the last 10 images',
      selection: {tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 10},
      action: {type: 'expire'},
    },
  ],
})

describe('ECR repositories', () => {
  // AWS: CreateRepository — https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreateRepository.html
  it('creates repositories with AWS defaults: URI, ARN, MUTABLE tags, no scan on push, AES256', async () => {
    const {ecr} = await client()
    const before = Date.now()
    const {repository} = await ecr.send(new CreateRepositoryCommand({repositoryName: 'team/trainer'}))
    expect(repository).toMatchObject({
      repositoryArn: 'arn:aws:ecr:eu-west-1:111122223333:repository/team/trainer',
      registryId: '111122223333',
      repositoryName: 'team/trainer',
      repositoryUri: '111122223333.dkr.ecr.eu-west-1.amazonaws.com/team/trainer',
      imageTagMutability: 'MUTABLE',
      imageScanningConfiguration: {scanOnPush: false},
      encryptionConfiguration: {encryptionType: 'AES256'},
    })
    // awsJson timestamps are epoch seconds on the wire; the SDK gives a Date.
    expect(repository!.createdAt).toBeInstanceOf(Date)
    expect(repository!.createdAt!.getTime()).toBeGreaterThanOrEqual(before - 1000)
    const kms = await ecr.send(
      new CreateRepositoryCommand({
        repositoryName: 'secure',
        imageTagMutability: 'IMMUTABLE',
        imageScanningConfiguration: {scanOnPush: true},
        encryptionConfiguration: {encryptionType: 'KMS'},
      }),
    )
    expect(kms.repository!.encryptionConfiguration!.kmsKey).toMatch(/^arn:aws:kms:eu-west-1:111122223333:key\//)
    expect(kms.repository!.imageScanningConfiguration).toEqual({scanOnPush: true})
  })

  it('rejects bad names, duplicates, bad tags and bad encryption settings', async () => {
    const {ecr} = await client()
    await ecr.send(new CreateRepositoryCommand({repositoryName: 'app'}))
    const duplicate = await ecr.send(new CreateRepositoryCommand({repositoryName: 'app'})).catch((e) => e)
    expect(duplicate).toBeInstanceOf(RepositoryAlreadyExistsException)
    expect(duplicate.message).toBe("The repository with name 'app' already exists in the registry with id '111122223333'")
    for (const repositoryName of ['Upper', 'a', 'trailing-', 'double//slash', '-lead']) {
      const error = await ecr.send(new CreateRepositoryCommand({repositoryName})).catch((e) => e)
      expect(error, repositoryName).toBeInstanceOf(InvalidParameterException)
    }
    // The wording AWS uses (seen in many public bug reports of the real service).
    const upper = await ecr.send(new CreateRepositoryCommand({repositoryName: 'Upper'})).catch((e) => e)
    expect(upper.message).toBe(
      "Invalid parameter at 'repositoryName' failed to satisfy constraint: 'must satisfy regular expression '(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*''",
    )
    const short = await ecr.send(new CreateRepositoryCommand({repositoryName: 'a'})).catch((e) => e)
    expect(short.message).toBe("Invalid parameter at 'repositoryName' failed to satisfy constraint: 'must have length greater than or equal to 2'")
    for (const repositoryName of ['ab', 'a.b_c-d/e', 'x/y/z-1']) {
      await ecr.send(new CreateRepositoryCommand({repositoryName}))
    }
    await expect(
      ecr.send(new CreateRepositoryCommand({repositoryName: 'tagged', tags: [{Key: 'aws:reserved', Value: 'x'}]})),
    ).rejects.toBeInstanceOf(InvalidTagParameterException)
    await expect(
      ecr.send(new CreateRepositoryCommand({repositoryName: 'enc', encryptionConfiguration: {encryptionType: 'AES256', kmsKey: 'k'}})),
    ).rejects.toBeInstanceOf(InvalidParameterException)
    await expect(
      ecr.send(new CreateRepositoryCommand({repositoryName: 'mut', imageTagMutability: 'SOMETIMES' as never})),
    ).rejects.toBeInstanceOf(InvalidParameterException)
  })

  // AWS: DescribeRepositories — https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_DescribeRepositories.html
  it('describes by name or page by page, and answers RepositoryNotFoundException', async () => {
    const {ecr} = await client()
    const names = Array.from({length: 5}, (_, i) => `repo-${i}`)
    for (const repositoryName of names) await ecr.send(new CreateRepositoryCommand({repositoryName}))
    const seen: string[] = []
    let pages = 0
    for await (const page of paginateDescribeRepositories({client: ecr, pageSize: 2}, {})) {
      pages++
      seen.push(...page.repositories!.map((repo) => repo.repositoryName!))
    }
    expect(pages).toBe(3)
    expect(seen).toEqual(names)
    const some = await ecr.send(new DescribeRepositoriesCommand({repositoryNames: ['repo-3', 'repo-1']}))
    expect(some.repositories!.map((repo) => repo.repositoryName)).toEqual(['repo-3', 'repo-1'])
    const missing = await ecr.send(new DescribeRepositoriesCommand({repositoryNames: ['repo-1', 'nope']})).catch((e) => e)
    expect(missing).toBeInstanceOf(RepositoryNotFoundException)
    expect(missing.message).toBe("The repository with name 'nope' does not exist in the registry with id '111122223333'")
    await expect(ecr.send(new DescribeRepositoriesCommand({maxResults: 1001}))).rejects.toBeInstanceOf(InvalidParameterException)
    await expect(
      ecr.send(new DescribeRepositoriesCommand({repositoryNames: ['repo-1'], maxResults: 5})),
    ).rejects.toBeInstanceOf(InvalidParameterException)
  })

  // AWS: DeleteRepository — https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_DeleteRepository.html
  it('refuses to delete a repository with images unless forced', async () => {
    const {emulator, ecr} = await client()
    await ecr.send(new CreateRepositoryCommand({repositoryName: 'app'}))
    recordImagePush(emulator, 'eu-west-1', {repositoryName: 'app', manifest: JSON.stringify({schemaVersion: 2, layers: []}), tags: ['v1']})
    await expect(ecr.send(new DeleteRepositoryCommand({repositoryName: 'app'}))).rejects.toBeInstanceOf(RepositoryNotEmptyException)
    const {repository} = await ecr.send(new DeleteRepositoryCommand({repositoryName: 'app', force: true}))
    expect(repository!.repositoryName).toBe('app')
    await expect(ecr.send(new DeleteRepositoryCommand({repositoryName: 'app'}))).rejects.toBeInstanceOf(RepositoryNotFoundException)
  })

  it('changes tag mutability and scanning configuration', async () => {
    const {ecr} = await client()
    await ecr.send(new CreateRepositoryCommand({repositoryName: 'app'}))
    const mutability = await ecr.send(new PutImageTagMutabilityCommand({repositoryName: 'app', imageTagMutability: 'IMMUTABLE'}))
    expect(mutability).toMatchObject({registryId: '111122223333', repositoryName: 'app', imageTagMutability: 'IMMUTABLE'})
    const scanning = await ecr.send(
      new PutImageScanningConfigurationCommand({repositoryName: 'app', imageScanningConfiguration: {scanOnPush: true}}),
    )
    expect(scanning.imageScanningConfiguration).toEqual({scanOnPush: true})
    const {repositories} = await ecr.send(new DescribeRepositoriesCommand({repositoryNames: ['app']}))
    expect(repositories![0]).toMatchObject({imageTagMutability: 'IMMUTABLE', imageScanningConfiguration: {scanOnPush: true}})
    await expect(
      ecr.send(new PutImageTagMutabilityCommand({repositoryName: 'nope', imageTagMutability: 'MUTABLE'})),
    ).rejects.toBeInstanceOf(RepositoryNotFoundException)
  })
})

describe('ECR lifecycle policies', () => {
  // AWS: PutLifecyclePolicy — https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_PutLifecyclePolicy.html
  // and Lifecycle policy properties — https://docs.aws.amazon.com/AmazonECR/latest/userguide/lifecycle_policy_parameters.html
  it('puts, gets and deletes a valid policy; LifecyclePolicyNotFoundException when there is none', async () => {
    const {ecr} = await client()
    await ecr.send(new CreateRepositoryCommand({repositoryName: 'app'}))
    await expect(ecr.send(new GetLifecyclePolicyCommand({repositoryName: 'app'}))).rejects.toBeInstanceOf(
      LifecyclePolicyNotFoundException,
    )
    const put = await ecr.send(new PutLifecyclePolicyCommand({repositoryName: 'app', lifecyclePolicyText: keepTen}))
    expect(put).toMatchObject({registryId: '111122223333', repositoryName: 'app', lifecyclePolicyText: keepTen})
    expect((await ecr.send(new GetLifecyclePolicyCommand({repositoryName: 'app'}))).lifecyclePolicyText).toBe(keepTen)
    const deleted = await ecr.send(new DeleteLifecyclePolicyCommand({repositoryName: 'app'}))
    expect(deleted.lifecyclePolicyText).toBe(keepTen)
    await expect(ecr.send(new DeleteLifecyclePolicyCommand({repositoryName: 'app'}))).rejects.toBeInstanceOf(
      LifecyclePolicyNotFoundException,
    )
  })

  it('rejects policies ECR would not accept', async () => {
    const {ecr} = await client()
    await ecr.send(new CreateRepositoryCommand({repositoryName: 'app'}))
    const rule = (selection: object, rulePriority = 1) => ({rulePriority, description: 'x'.repeat(60), selection, action: {type: 'expire'}})
    const invalid = [
      'not json'.padEnd(120, ' '),
      JSON.stringify({rules: [], padding: 'x'.repeat(100)}),
      // "any" must have the highest priority
      JSON.stringify({
        rules: [
          rule({tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 5}, 1),
          rule({tagStatus: 'untagged', countType: 'imageCountMoreThan', countNumber: 5}, 2),
        ],
      }),
      // duplicate priorities
      JSON.stringify({
        rules: [
          rule({tagStatus: 'untagged', countType: 'imageCountMoreThan', countNumber: 5}, 1),
          rule({tagStatus: 'untagged', countType: 'imageCountMoreThan', countNumber: 3}, 1),
        ],
      }),
      // tagged needs a prefix or pattern list
      JSON.stringify({rules: [rule({tagStatus: 'tagged', countType: 'imageCountMoreThan', countNumber: 5})]}),
      // sinceImagePushed needs countUnit days
      JSON.stringify({rules: [rule({tagStatus: 'untagged', countType: 'sinceImagePushed', countNumber: 5})]}),
      // imageCountMoreThan takes no countUnit
      JSON.stringify({rules: [rule({tagStatus: 'untagged', countType: 'imageCountMoreThan', countUnit: 'days', countNumber: 5})]}),
    ]
    const messages: string[] = []
    for (const lifecyclePolicyText of invalid) {
      const error = await ecr.send(new PutLifecyclePolicyCommand({repositoryName: 'app', lifecyclePolicyText})).catch((e) => e)
      expect(error, lifecyclePolicyText).toBeInstanceOf(InvalidParameterException)
      messages.push(error.message)
    }
    const prefix = "Invalid parameter at 'LifecyclePolicyText' failed to satisfy constraint: 'Lifecycle policy validation failure: "
    expect(messages.every((message) => message.startsWith(prefix))).toBe(true)
    expect(messages[2]).toBe(`${prefix}Rule for tagStatus=ANY must have the lowest priority per storage class'`)
    expect(messages[4]).toBe(`${prefix}Must specify tagPrefixList or tagPatternList when tagStatus=TAGGED.'`)
    // Shorter than the 100-character minimum.
    const short = await ecr.send(new PutLifecyclePolicyCommand({repositoryName: 'app', lifecyclePolicyText: '{"rules":[]}'})).catch((e) => e)
    expect(short).toBeInstanceOf(InvalidParameterException)
    expect(short.message).toBe("Invalid parameter at 'lifecyclePolicyText' failed to satisfy constraint: 'must have length greater than or equal to 100'")
  })
})

describe('ECR tags and authorization', () => {
  // AWS: TagResource — https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_TagResource.html
  it('tags repositories at creation and by ARN, replacing values and keeping at most 50', async () => {
    const {ecr} = await client()
    const {repository} = await ecr.send(new CreateRepositoryCommand({repositoryName: 'app', tags: [{Key: 'team', Value: 'ml'}]}))
    const resourceArn = repository!.repositoryArn!
    await ecr.send(new TagResourceCommand({resourceArn, tags: [{Key: 'team', Value: 'data'}, {Key: 'env', Value: 'dev'}]}))
    expect((await ecr.send(new ListTagsForResourceCommand({resourceArn}))).tags).toEqual([
      {Key: 'team', Value: 'data'},
      {Key: 'env', Value: 'dev'},
    ])
    await ecr.send(new UntagResourceCommand({resourceArn, tagKeys: ['team']}))
    expect((await ecr.send(new ListTagsForResourceCommand({resourceArn}))).tags).toEqual([{Key: 'env', Value: 'dev'}])
    const many = Array.from({length: 50}, (_, i) => ({Key: `k${i}`, Value: 'v'}))
    await expect(ecr.send(new TagResourceCommand({resourceArn, tags: many}))).rejects.toBeInstanceOf(TooManyTagsException)
    await expect(ecr.send(new ListTagsForResourceCommand({resourceArn: 'not-an-arn'}))).rejects.toBeInstanceOf(
      InvalidParameterException,
    )
    await expect(
      ecr.send(new ListTagsForResourceCommand({resourceArn: 'arn:aws:ecr:eu-west-1:111122223333:repository/nope'})),
    ).rejects.toBeInstanceOf(RepositoryNotFoundException)
  })

  // AWS: GetAuthorizationToken — https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_GetAuthorizationToken.html
  it('issues a base64 AWS:<password> token valid for 12 hours, with the registry endpoint', async () => {
    const {emulator, ecr} = await client()
    const {authorizationData} = await ecr.send(new GetAuthorizationTokenCommand({}))
    expect(authorizationData).toHaveLength(1)
    const data = authorizationData![0]!
    const decoded = Buffer.from(data.authorizationToken!, 'base64').toString('utf8')
    expect(decoded).toMatch(/^AWS:.{20,}$/)
    expect(data.proxyEndpoint).toBe('https://111122223333.dkr.ecr.eu-west-1.amazonaws.com')
    const hours = (data.expiresAt!.getTime() - emulator.clock.now()) / 3_600_000
    expect(hours).toBeGreaterThan(11.9)
    expect(hours).toBeLessThanOrEqual(12)
  })
})
