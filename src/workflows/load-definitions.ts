import {readFileSync} from 'node:fs'
import {resolve} from 'node:path'

import type {BatchConfig} from '../config/types.generated.js'
import {UserError} from '../errors.js'

/**
 * Reads and parses every `workflows.<key>.definitionFile` (relative to `baseDir`, the folder
 * of batch.yaml), by workflow key, for `WorkflowInputs.workflowDefinitions`. The only I/O of
 * workflows: the desired model itself stays pure. `validate` has already checked the files
 * are ASL; errors here mean the file changed since.
 */
export function loadWorkflowDefinitions(config: BatchConfig, baseDir: string): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, workflow] of Object.entries(config.workflows ?? {})) {
    if (workflow?.definitionFile === undefined) continue
    const file = resolve(baseDir, workflow.definitionFile)
    try {
      out[key] = JSON.parse(readFileSync(file, 'utf8'))
    } catch (error) {
      throw new UserError(`Cannot read workflow definition "${workflow.definitionFile}" of workflow "${key}": ${(error as Error).message}`, {
        code: 'asl-file',
        hints: [`looked for ${file}`],
        cause: error,
      })
    }
  }
  return out
}
