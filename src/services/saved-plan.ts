import {readFileSync, writeFileSync} from 'node:fs'

import type {SnapshotQuery} from '../apply/adapter.js'
import {UserError} from '../errors.js'
import {type Plan} from '../plan/index.js'

/** `plan --out plan.json`: everything `apply plan.json` needs, including how to re-read AWS. */
export interface SavedPlan {
  format: 'batchctl-plan'
  version: 1
  createdAt: string
  /** batch.yaml the plan was made from, and the environment. */
  file: string
  env?: string
  region: string
  local: boolean
  query: SnapshotQuery
  plan: Plan
}

export function writeSavedPlan(path: string, saved: Omit<SavedPlan, 'format' | 'version' | 'createdAt'>): void {
  const document: SavedPlan = {format: 'batchctl-plan', version: 1, createdAt: new Date().toISOString(), ...saved}
  writeFileSync(path, `${JSON.stringify(document, null, 2)}\n`)
}

export function readSavedPlan(path: string): SavedPlan {
  let document: Partial<SavedPlan>
  try {
    document = JSON.parse(readFileSync(path, 'utf8')) as Partial<SavedPlan>
  } catch (error) {
    throw new UserError(`cannot read saved plan ${path}: ${(error as Error).message}`, {code: 'plan-file'})
  }
  if (document.format !== 'batchctl-plan' || document.version !== 1 || !document.plan || !document.query) {
    throw new UserError(`${path} is not a plan written by \`batchctl plan --out\``, {code: 'plan-file'})
  }
  return document as SavedPlan
}
