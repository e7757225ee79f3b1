import {existsSync, mkdirSync, writeFileSync} from 'node:fs'
import {dirname, resolve} from 'node:path'

import {UserError} from '../../errors.js'
import {isProjectName, PROJECT_MAX_LENGTH, projectNameFromDirectory} from './project-name.js'
import {renderStarterConfig} from './starter-config.js'
import type {StarterCompute} from './starter-config.js'

/** What `batchctl init` was asked for. */
export interface InitRequest {
  /** Path of the file to write, relative to `cwd`. */
  file: string
  compute: StarterCompute
  /** Project name; derived from the file's directory when absent. */
  project?: string | undefined
  /** Overwrite an existing file. */
  force: boolean
  cwd: string
}

/** What `batchctl init` did (also its `--json` result). */
export interface InitResult {
  file: string
  project: string
  compute: StarterCompute
  overwritten: boolean
}

/** Writes a starter batch.yaml; refuses to replace an existing file unless `force`. */
export function writeStarterConfig(request: InitRequest): InitResult {
  const path = resolve(request.cwd, request.file)
  const project = request.project ?? projectNameFromDirectory(dirname(path))
  if (!isProjectName(project)) {
    throw new UserError(`"${project}" is not a valid project name.`, {
      code: 'invalid-project-name',
      hints: [`use lower-case letters, digits and hyphens, starting with a letter, at most ${PROJECT_MAX_LENGTH} characters (e.g. "${projectNameFromDirectory(project)}")`],
    })
  }
  const exists = existsSync(path)
  if (exists && !request.force) {
    throw new UserError(`${request.file} already exists; not overwriting it.`, {
      code: 'file-exists',
      hints: ['pass --force to replace it', 'or --file to write somewhere else'],
    })
  }
  mkdirSync(dirname(path), {recursive: true})
  writeFileSync(path, renderStarterConfig({project, compute: request.compute}))
  return {file: request.file, project, compute: request.compute, overwritten: exists}
}
