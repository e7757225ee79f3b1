import type {BatchConfig} from '../config/types.generated.js'
import type {AnyResource, Model} from '../model/index.js'
import {computeEnvironments} from './compute-environments.js'
import type {DesiredContext} from './context.js'
import {jobDefinitions} from './job-definitions.js'
import {jobQueues, schedulingPolicies} from './job-queues.js'
import {repositories} from './repositories.js'
import {schedules} from './schedules.js'
import {triggers} from './triggers.js'
import {type WorkflowInputs, workflows} from './workflows.js'

export {unresolvedImage, unresolvedImageKey} from './context.js'
export {imageRepositoryNames, repositoryName} from './repositories.js'

export interface DesiredOptions extends WorkflowInputs {
  /** The environment selected with `--env` (already merged into `config`). */
  env?: string
  /** Pushed image URIs by `images:` key (`repository@sha256:...`). */
  imageUris?: Record<string, string>
}

/** A section builder: batch.yaml section → resources of the desired model. */
type SectionBuilder = (ctx: DesiredContext & WorkflowInputs) => AnyResource[]

/** Every section of batch.yaml that becomes resources. Schedules, triggers and workflows join here. */
const SECTIONS: SectionBuilder[] = [repositories, schedulingPolicies, computeEnvironments, jobQueues, jobDefinitions, workflows, schedules, triggers]

/**
 * The desired model of a valid, environment-merged batch.yaml: plain, normalized resources
 * with physical names and links between them. Pure: no AWS, no files.
 */
export function desiredModel(config: BatchConfig, options: DesiredOptions = {}): Model {
  const ctx: DesiredContext & WorkflowInputs = {
    config,
    project: config.project,
    ...(options.env ? {env: options.env} : {}),
    imageUris: options.imageUris ?? {},
    // ARNs inside workflow definitions (definitionFile `${...arn}` references) and the files' contents.
    ...(options.region ? {region: options.region} : {}),
    ...(options.accountId ? {accountId: options.accountId} : {}),
    ...(options.workflowDefinitions ? {workflowDefinitions: options.workflowDefinitions} : {}),
  }
  return {
    project: config.project,
    ...(options.env ? {env: options.env} : {}),
    resources: SECTIONS.flatMap((build) => build(ctx)),
  }
}
