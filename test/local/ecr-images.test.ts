import {
  BatchDeleteImageCommand,
  BatchGetImageCommand,
  CreateRepositoryCommand,
  DescribeImagesCommand,
  ECRClient,
  ImageAlreadyExistsException,
  ImageDigestDoesNotMatchException,
  ImageNotFoundException,
  ImageTagAlreadyExistsException,
  InvalidParameterException,
  ListImagesCommand,
  paginateDescribeImages,
  paginateListImages,
  PutImageCommand,
  RepositoryNotFoundException,
} from '@aws-sdk/client-ecr'
import {createHash} from 'node:crypto'
import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

import {recordImagePush} from '../../src/local/services/ecr/index.js'
import {startEmulator} from '../helpers/emulator.js'

const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json'

function manifest(seed: string, layerSizes = [1000, 2345]): string {
  return JSON.stringify({
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    config: {mediaType: 'application/vnd.oci.image.config.v1+json', size: 100, digest: `sha256:${sha(seed + 'config')}`},
    layers: layerSizes.map((size, i) => ({mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', size, digest: `sha256:${sha(seed + i)}`})),
  })
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex')
const digestOf = (text: string) => `sha256:${sha(text)}`

async function setup(options = {}) {
  const {emulator, config} = await startEmulator(options)
  const ecr = new ECRClient(config)
  await ecr.send(new CreateRepositoryCommand({repositoryName: 'app'}))
  return {emulator, ecr}
}

// AWS: DescribeImages / ListImages / BatchGetImage / PutImage / BatchDeleteImage — Amazon ECR API Reference
// (https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_DescribeImages.html, API_ImageDetail.html)
describe('ECR images', () => {
  it('describes recorded pushes: digest, tags, size from the layers, media types, pushedAt', async () => {
    const {emulator, ecr} = await setup()
    const text = manifest('a')
    const stored = recordImagePush(emulator, 'us-east-1', {repositoryName: 'app', manifest: text, tags: ['v1', 'latest']})
    expect(stored.digest).toBe(digestOf(text))
    const {imageDetails} = await ecr.send(new DescribeImagesCommand({repositoryName: 'app'}))
    expect(imageDetails).toHaveLength(1)
    expect(imageDetails![0]).toMatchObject({
      registryId: '123456789012',
      repositoryName: 'app',
      imageDigest: digestOf(text),
      imageTags: ['v1', 'latest'],
      imageSizeInBytes: 3345,
      imageManifestMediaType: OCI_MANIFEST,
      artifactMediaType: 'application/vnd.oci.image.config.v1+json',
    })
    expect(imageDetails![0]!.imagePushedAt).toBeInstanceOf(Date)
    expect(Math.abs(imageDetails![0]!.imagePushedAt!.getTime() - emulator.clock.now())).toBeLessThan(5000)
  })

  it('moves a mutable tag to the newer image, leaving the old one untagged', async () => {
    const {emulator, ecr} = await setup()
    recordImagePush(emulator, 'us-east-1', {repositoryName: 'app', manifest: manifest('a'), tags: ['latest']})
    recordImagePush(emulator, 'us-east-1', {repositoryName: 'app', manifest: manifest('b'), tags: ['latest']})
    const tagged = await ecr.send(new ListImagesCommand({repositoryName: 'app', filter: {tagStatus: 'TAGGED'}}))
    expect(tagged.imageIds).toEqual([{imageDigest: digestOf(manifest('b')), imageTag: 'latest'}])
    const untagged = await ecr.send(new ListImagesCommand({repositoryName: 'app', filter: {tagStatus: 'UNTAGGED'}}))
    expect(untagged.imageIds).toEqual([{imageDigest: digestOf(manifest('a'))}])
  })

  it('refuses to move an immutable tag, except for tags matched by an exclusion filter', async () => {
    const {emulator, ecr} = await setup()
    await ecr.send(
      new CreateRepositoryCommand({
        repositoryName: 'locked',
        imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION',
        imageTagMutabilityExclusionFilters: [{filterType: 'WILDCARD', filter: 'latest*'}],
      }),
    )
    recordImagePush(emulator, 'us-east-1', {repositoryName: 'locked', manifest: manifest('a'), tags: ['v1', 'latest']})
    expect(() => recordImagePush(emulator, 'us-east-1', {repositoryName: 'locked', manifest: manifest('b'), tags: ['v1']})).toThrow(
      /cannot be overwritten/,
    )
    recordImagePush(emulator, 'us-east-1', {repositoryName: 'locked', manifest: manifest('b'), tags: ['latest']})
    const error = await ecr
      .send(new PutImageCommand({repositoryName: 'locked', imageManifest: manifest('c'), imageTag: 'v1'}))
      .catch((e) => e)
    expect(error).toBeInstanceOf(ImageTagAlreadyExistsException)
  })

  it('PutImage computes the digest, refuses a wrong digest and a repeated push', async () => {
    const {ecr} = await setup()
    const text = manifest('a')
    const {image} = await ecr.send(new PutImageCommand({repositoryName: 'app', imageManifest: text, imageTag: 'v1'}))
    expect(image).toMatchObject({
      repositoryName: 'app',
      imageId: {imageDigest: digestOf(text), imageTag: 'v1'},
      imageManifest: text,
      imageManifestMediaType: OCI_MANIFEST,
    })
    await expect(
      ecr.send(new PutImageCommand({repositoryName: 'app', imageManifest: text, imageTag: 'v1'})),
    ).rejects.toBeInstanceOf(ImageAlreadyExistsException)
    await ecr.send(new PutImageCommand({repositoryName: 'app', imageManifest: text, imageTag: 'v2'}))
    await expect(
      ecr.send(new PutImageCommand({repositoryName: 'app', imageManifest: manifest('b'), imageDigest: digestOf('other')})),
    ).rejects.toBeInstanceOf(ImageDigestDoesNotMatchException)
    await expect(ecr.send(new PutImageCommand({repositoryName: 'nope', imageManifest: text}))).rejects.toBeInstanceOf(
      RepositoryNotFoundException,
    )
  })

  it('BatchGetImage returns manifests and per-image failures', async () => {
    const {emulator, ecr} = await setup()
    const a = manifest('a')
    const b = manifest('b')
    recordImagePush(emulator, 'us-east-1', {repositoryName: 'app', manifest: a, tags: ['v1']})
    recordImagePush(emulator, 'us-east-1', {repositoryName: 'app', manifest: b, tags: ['v2']})
    const {images, failures} = await ecr.send(
      new BatchGetImageCommand({
        repositoryName: 'app',
        imageIds: [{imageTag: 'v1'}, {imageDigest: digestOf(b)}, {imageTag: 'missing'}, {imageTag: 'v1', imageDigest: digestOf(b)}],
      }),
    )
    expect(images!.map((image) => [image.imageId, image.imageManifest])).toEqual([
      [{imageDigest: digestOf(a), imageTag: 'v1'}, a],
      [{imageDigest: digestOf(b)}, b],
    ])
    expect(failures!.map((failure) => failure.failureCode)).toEqual(['ImageNotFound', 'ImageTagDoesNotMatchDigest'])
    expect(failures![0]!.imageId).toEqual({imageTag: 'missing'})
  })

  it('DescribeImages by id answers ImageNotFoundException for an unknown image', async () => {
    const {emulator, ecr} = await setup()
    recordImagePush(emulator, 'us-east-1', {repositoryName: 'app', manifest: manifest('a'), tags: ['v1']})
    const found = await ecr.send(new DescribeImagesCommand({repositoryName: 'app', imageIds: [{imageTag: 'v1'}]}))
    expect(found.imageDetails![0]!.imageTags).toEqual(['v1'])
    const error = await ecr.send(new DescribeImagesCommand({repositoryName: 'app', imageIds: [{imageTag: 'v9'}]})).catch((e) => e)
    expect(error).toBeInstanceOf(ImageNotFoundException)
    expect(error.message).toContain("does not exist within the repository with name 'app'")
    await expect(
      ecr.send(new DescribeImagesCommand({repositoryName: 'app', imageIds: [{imageTag: 'v1'}], maxResults: 10})),
    ).rejects.toBeInstanceOf(InvalidParameterException)
  })

  it('pages ListImages (one id per tag) and DescribeImages with maxResults', async () => {
    const {emulator, ecr} = await setup()
    for (let i = 0; i < 5; i++) {
      emulator.clock.advance(1000)
      recordImagePush(emulator, 'us-east-1', {repositoryName: 'app', manifest: manifest(`m${i}`), tags: [`v${i}`, `build-${i}`]})
    }
    const ids = []
    for await (const page of paginateListImages({client: ecr, pageSize: 3}, {repositoryName: 'app'})) {
      expect(page.imageIds!.length).toBeLessThanOrEqual(3)
      ids.push(...page.imageIds!)
    }
    expect(ids).toHaveLength(10)
    const details = []
    for await (const page of paginateDescribeImages({client: ecr, pageSize: 2}, {repositoryName: 'app'})) details.push(...page.imageDetails!)
    expect(details.map((detail) => detail.imageTags![0])).toEqual(['v0', 'v1', 'v2', 'v3', 'v4'])
    await expect(ecr.send(new ListImagesCommand({repositoryName: 'app', maxResults: 0}))).rejects.toBeInstanceOf(
      InvalidParameterException,
    )
  })

  it('BatchDeleteImage removes a tag, or the whole image by digest', async () => {
    const {emulator, ecr} = await setup()
    const a = manifest('a')
    recordImagePush(emulator, 'us-east-1', {repositoryName: 'app', manifest: a, tags: ['v1', 'latest']})
    const byTag = await ecr.send(new BatchDeleteImageCommand({repositoryName: 'app', imageIds: [{imageTag: 'latest'}]}))
    expect(byTag.imageIds).toEqual([{imageDigest: digestOf(a), imageTag: 'latest'}])
    expect((await ecr.send(new ListImagesCommand({repositoryName: 'app'}))).imageIds).toEqual([{imageDigest: digestOf(a), imageTag: 'v1'}])
    const byDigest = await ecr.send(
      new BatchDeleteImageCommand({repositoryName: 'app', imageIds: [{imageDigest: digestOf(a)}, {imageTag: 'gone'}]}),
    )
    expect(byDigest.imageIds).toEqual([{imageDigest: digestOf(a), imageTag: 'v1'}])
    expect(byDigest.failures![0]!.failureCode).toBe('ImageNotFound')
    expect((await ecr.send(new ListImagesCommand({repositoryName: 'app'}))).imageIds).toEqual([])
  })

  it('keeps repositories and images across a restart with a state file', async () => {
    const stateFile = join(mkdtempSync(join(tmpdir(), 'batchctl-ecr-')), 'state.json')
    const first = await setup({stateFile})
    recordImagePush(first.emulator, 'us-east-1', {repositoryName: 'app', manifest: manifest('a'), tags: ['v1']})
    await first.emulator.stop()
    const {emulator, config} = await startEmulator({stateFile})
    const ecr = new ECRClient(config)
    const {imageIds} = await ecr.send(new ListImagesCommand({repositoryName: 'app'}))
    expect(imageIds).toEqual([{imageDigest: digestOf(manifest('a')), imageTag: 'v1'}])
    expect(emulator.url).toMatch(/^http/)
  })
})
