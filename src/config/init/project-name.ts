import {basename} from 'node:path'

/** The schema's rule for `project` (lower-case, used in physical names and tags). */
export const PROJECT_PATTERN = /^[a-z][a-z0-9-]*$/
export const PROJECT_MAX_LENGTH = 32

/** True when `name` is accepted as `project` by the schema. */
export function isProjectName(name: string): boolean {
  return PROJECT_PATTERN.test(name) && name.length <= PROJECT_MAX_LENGTH
}

/**
 * A project name derived from a directory, e.g. `/src/My_Genomics Pipeline` → `my-genomics-pipeline`;
 * `batch` when nothing usable remains.
 */
export function projectNameFromDirectory(dir: string): string {
  const name = basename(dir)
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^[^a-z]+/, '')
    .slice(0, PROJECT_MAX_LENGTH)
    .replace(/-+$/, '')
  return isProjectName(name) ? name : 'batch'
}
