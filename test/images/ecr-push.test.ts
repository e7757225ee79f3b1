import {CreateRepositoryCommand, DescribeImagesCommand, ECRClient} from '@aws-sdk/client-ecr'
import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {AwsClients} from '../../src/aws/clients.js'
import {ecrCredentialSource} from '../../src/aws/ecr-auth.js'
import {buildAndPush} from '../../src/images/daemonless.js'
import {startEmulator} from '../helpers/emulator.js'
import {pushBaseImage} from '../helpers/oci.js'
import {startRegistry, type TestRegistry} from '../helpers/registry.js'

let registry: TestRegistry

beforeAll(async () => {
  registry = await startRegistry()
  await pushBaseImage(registry.host, 'base', '1')
})

afterAll(async () => {
  await registry?.stop()
})

describe('pushing to ECR through the emulator fronting a real registry', () => {
  it('gives repository URIs on the registry, a token for it only, and DescribeImages shows what was pushed', async () => {
    const {emulator, config} = await startEmulator({services: {ecr: {registry: registry.host}}})
    const ecr = new ECRClient(config)
    const created = await ecr.send(new CreateRepositoryCommand({repositoryName: 'genomics-worker'}))
    expect(created.repository?.repositoryUri).toBe(`${registry.host}/genomics-worker`)

    const clients = new AwsClients({region: 'us-east-1', endpoint: emulator.url, credentials: config.credentials})
    const credentials = ecrCredentialSource(clients)
    expect(await credentials(registry.host)).toMatchObject({username: 'AWS'})
    expect(await credentials('docker.io')).toBeUndefined()

    const dir = mkdtempSync(join(tmpdir(), 'batchctl-ecr-push-'))
    mkdirSync(join(dir, 'app'))
    writeFileSync(join(dir, 'app', 'main.py'), 'print(1)\n')
    const pushed = await buildAndPush({
      spec: {base: `${registry.host}/base:1`, files: [{src: './app', dest: '/app'}]},
      baseDir: dir,
      target: created.repository!.repositoryUri!,
      credentials,
    })
    const images = await ecr.send(new DescribeImagesCommand({repositoryName: 'genomics-worker'}))
    expect(images.imageDetails).toEqual([
      expect.objectContaining({imageDigest: pushed.digest, imageTags: [pushed.tag], imageManifestMediaType: 'application/vnd.oci.image.manifest.v1+json'}),
    ])
    clients.destroy()
  })
})
