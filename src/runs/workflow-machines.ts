import type {LoadedConfig} from '../config/load-config.js'
import {physicalName} from '../config/physical-name.js'
import {referenceHint} from '../config/semantic/did-you-mean.js'
import {UserError} from '../errors.js'
import type {ExecutionsApi} from './executions-api.js'
import {type StateMachineRef, stateMachineRef} from './start-run.js'

/** The workflow keys of batch.yaml, in file order. */
export function workflowKeys(loaded: LoadedConfig): string[] {
  return Object.keys(loaded.config.workflows ?? {})
}

/** A workflow key checked against batch.yaml, with a "did you mean" for a typo. */
export function checkWorkflow(loaded: LoadedConfig, workflow: string): string {
  const keys = workflowKeys(loaded)
  if (keys.includes(workflow)) return workflow
  throw new UserError(`No workflow "${workflow}" in ${loaded.file}.`, {code: 'unknown-workflow', hints: [referenceHint(workflow, keys, 'workflows')]})
}

/** The state machines of the given workflow keys (all of them when none are given). */
export async function workflowMachines(api: ExecutionsApi, loaded: LoadedConfig, region: string, only?: string): Promise<StateMachineRef[]> {
  const keys = only === undefined ? workflowKeys(loaded) : [checkWorkflow(loaded, only)]
  if (keys.length === 0) return []
  const [first, ...rest] = keys
  // One GetCallerIdentity serves every workflow: only the name differs between their ARNs.
  const head = await stateMachineRef(api, first!, physicalName(loaded.config.project, loaded.env, first!), region)
  const prefix = head.arn.slice(0, head.arn.length - head.name.length)
  return [
    head,
    ...rest.map((key) => {
      const name = physicalName(loaded.config.project, loaded.env, key)
      return {workflow: key, name, arn: prefix + name}
    }),
  ]
}
