import {existsSync, mkdirSync, writeFileSync} from 'node:fs'
import {dirname, resolve} from 'node:path'

import {UserError} from '../../errors.js'
import {isProjectName, PROJECT_MAX_LENGTH, projectNameFromDirectory} from './project-name.js'
import {renderStarterConfig, starterPlaceholders} from './starter-config.js'
import type {StarterCompute, StarterOptions} from './starter-config.js'

/** Where `batchctl init` writes. */
export interface InitTarget {
  /** Path of the file to write, relative to `cwd`. */
  file: string
  /** Overwrite an existing file. */
  force: boolean
  cwd: string
}

/** What `batchctl init` was asked for: the target and the starter's options. */
export interface InitRequest extends InitTarget, Omit<StarterOptions, 'project'> {
  compute: StarterCompute
  /** Project name; derived from the file's directory when absent. */
  project?: string | undefined
}

/** What `batchctl init` did (also its `--json` result). */
export interface InitResult {
  file: string
  project: string
  compute: StarterCompute
  overwritten: boolean
  /** Fields still holding REPLACE_ME values for the user to fill in, e.g. `defaults.subnets`. */
  placeholders: string[]
}

/** The project name offered for a target: its folder's name made valid. */
export function defaultProjectFor(target: InitTarget): string {
  return projectNameFromDirectory(dirname(resolve(target.cwd, target.file)))
}

/**
 * Refuses an existing file unless `force`; returns whether the file exists. Called before any
 * question is asked, so nobody answers six questions to be told the file is already there.
 */
export function checkTarget(target: InitTarget): boolean {
  const exists = existsSync(resolve(target.cwd, target.file))
  if (exists && !target.force) {
    throw new UserError(`${target.file} already exists; not overwriting it.`, {
      code: 'file-exists',
      hints: ['pass --force to replace it', 'or --file to write somewhere else'],
    })
  }
  return exists
}

/** Throws the user-facing error for a project name the schema refuses. */
export function assertProjectName(project: string): void {
  if (!isProjectName(project)) {
    throw new UserError(`"${project}" is not a valid project name.`, {
      code: 'invalid-project-name',
      hints: [`use lower-case letters, digits and hyphens, starting with a letter, at most ${PROJECT_MAX_LENGTH} characters (e.g. "${projectNameFromDirectory(project)}")`],
    })
  }
}

/** Writes a starter batch.yaml; refuses to replace an existing file unless `force`. */
export function writeStarterConfig(request: InitRequest): InitResult {
  const path = resolve(request.cwd, request.file)
  const project = request.project ?? defaultProjectFor(request)
  assertProjectName(project)
  const exists = checkTarget(request)
  mkdirSync(dirname(path), {recursive: true})
  const {file: _file, force: _force, cwd: _cwd, ...options} = request
  writeFileSync(path, renderStarterConfig({...options, project}))
  return {file: request.file, project, compute: request.compute, overwritten: exists, placeholders: starterPlaceholders({...options, project})}
}
