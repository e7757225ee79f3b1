import {describe, expect, it} from 'vitest'

import type {BatchConfig} from '../../src/config/types.generated.js'
import {desiredModel, imageRepositoryNames} from '../../src/desired/index.js'

const config: BatchConfig = {
  project: 'Genomics',
  images: {
    worker: {base: 'python:3.12-slim'},
    tools: {base: 'debian:12', repository: {name: 'shared/tools'}},
  },
}

describe('imageRepositoryNames', () => {
  it('gives the names the desired model gives its ecr.repository resources (lower case, env included, declared names kept)', () => {
    for (const env of [undefined, 'prod']) {
      const names = imageRepositoryNames(config, env, ['worker', 'tools'])
      const model = desiredModel(config, env ? {env} : {})
      const fromModel = Object.fromEntries(model.resources.filter((r) => r.kind === 'ecr.repository').map((r) => [r.logicalName, r.physicalName]))
      expect(names).toEqual(fromModel)
    }
    expect(imageRepositoryNames(config, 'prod', ['worker'])).toEqual({worker: 'genomics-prod-worker'})
    expect(imageRepositoryNames(config, undefined, ['tools'])).toEqual({tools: 'shared/tools'})
  })

  it('names only the keys asked for', () => {
    expect(Object.keys(imageRepositoryNames(config, undefined, ['tools']))).toEqual(['tools'])
    expect(imageRepositoryNames(config, undefined, [])).toEqual({})
  })
})
