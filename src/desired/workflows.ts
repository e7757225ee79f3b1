import type {Workflow} from '../config/types.generated.js'
import {BugError, UserError} from '../errors.js'
import type {Resource, ResourceRef, StateMachineSpec} from '../model/index.js'
import {compileSteps} from '../workflows/compile.js'
import {resolveReferences} from '../workflows/definition-references.js'
import {compact, type DesiredContext, entries, nameOf, stringMap} from './context.js'

/**
 * What workflows need beyond `DesiredContext` (optional; to be threaded through
 * `DesiredOptions` by the caller): the account and region for `${....arn}` references, and
 * the parsed contents of `definitionFile`s by workflow key (reading files is the caller's
 * I/O; `loadWorkflowDefinitions` does it).
 */
export interface WorkflowInputs {
  region?: string
  accountId?: string
  workflowDefinitions?: Record<string, unknown>
}

/** `workflows:` → one `sfn.stateMachine` per entry, compiled from `steps` or read from `definitionFile`. */
export function workflows(ctx: DesiredContext & WorkflowInputs): Array<Resource<'sfn.stateMachine'>> {
  return entries(ctx.config.workflows).map(([key, workflow]) => {
    const role = workflow.role ?? ctx.config.defaults?.workflowRole
    if (role === undefined) {
      throw new UserError(`Workflow "${key}" has no role for Step Functions to assume, and \`defaults.workflowRole\` is not set.`, {
        code: 'missing-role',
        hints: ['add `role: arn:aws:iam::<account>:role/<name>` to it or set `defaults.workflowRole`'],
      })
    }
    const {definition, refs} = definitionOf(ctx, key, workflow)
    const spec: StateMachineSpec = compact({definition, roleArn: role, type: workflow.type})
    return {
      kind: 'sfn.stateMachine',
      logicalName: key,
      physicalName: nameOf(ctx, key),
      service: 'sfn',
      spec,
      // The definition names its queues and job definitions as text, so the order comes from here.
      dependsOn: refs.filter((r) => !(r.kind === 'sfn.stateMachine' && r.logicalName === key)),
      tags: {...stringMap(ctx.config.tags), ...stringMap(workflow.tags)},
    }
  })
}

function definitionOf(ctx: DesiredContext & WorkflowInputs, key: string, workflow: Workflow): {definition: unknown; refs: ResourceRef[]} {
  if (workflow.steps !== undefined) {
    const refs = new Map<string, ResourceRef>()
    const use = (kind: 'batch.jobQueue' | 'batch.jobDefinition', logicalName: string): string => {
      refs.set(`${kind}/${logicalName}`, {kind, logicalName})
      return nameOf(ctx, logicalName)
    }
    const definition = compileSteps(workflow.steps, {
      // Physical names, not links: the state machine adapter sends the definition as it is, and
      // Batch's SubmitJob takes queue and job definition names (an unversioned job definition
      // name runs its latest ACTIVE revision).
      jobQueue: (queue) => use('batch.jobQueue', queue),
      jobDefinition: (job) => use('batch.jobDefinition', job),
      defaultQueue: ctx.config.defaults?.queue,
      defaultShareIdentifier: ctx.config.defaults?.shareIdentifier,
      jobNamePrefix: nameOf(ctx, key),
      comment: `batchctl: workflows.${key} of project ${ctx.project}`,
    })
    return {definition, refs: [...refs.values()]}
  }
  if (workflow.definitionFile !== undefined) {
    const parsed = ctx.workflowDefinitions?.[key]
    if (parsed === undefined) throw new BugError(`workflow ${key}: definitionFile was not loaded before building the desired model`)
    return resolveReferences(
      parsed,
      {
        physicalName: (k) => nameOf(ctx, k),
        keys: {
          jobQueues: Object.keys(ctx.config.jobQueues ?? {}),
          jobDefinitions: Object.keys(ctx.config.jobDefinitions ?? {}),
          workflows: Object.keys(ctx.config.workflows ?? {}),
        },
        region: ctx.region ?? ctx.config.region,
        accountId: ctx.accountId,
      },
      workflow.definitionFile,
    )
  }
  throw new UserError(`Workflow "${key}" has neither \`steps\` nor \`definitionFile\`.`, {code: 'missing-definition'})
}
