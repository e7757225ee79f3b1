import {BaseCommand, projectFlags} from '../cli/base-command.js'
import {renderHuman} from '../config/render-human.js'
import {renderJson} from '../config/render-json.js'
import type {JsonValidation} from '../config/render-json.js'
import {describeConfig} from '../config/render-summary.js'
import {validateFile} from '../config/validate-file.js'
import {schedulePreviews} from '../desired/schedules.js'
import {scheduleNote} from '../ui/plan/schedule-note.js'

export default class Validate extends BaseCommand {
  static override summary = 'Check batch.yaml for mistakes without calling AWS.'

  static override description = `Reads batch.yaml, expands \${env:NAME} references, applies the --env environment (without --env: checks the base and every environment), and checks the result against the schema and then the semantic rules (references between sections, schedule syntax, AWS limits). Every problem is reported with file:line:column, the offending lines, what was expected and a hint.

Exit status: 0 when the file is valid, 1 when it has problems. Problems go to stderr; with --json the result document goes to stdout.`

  static override examples = [
    {description: 'Check ./batch.yaml.', command: '<%= config.bin %> <%= command.id %>'},
    {description: 'Check another file with the prod environment applied.', command: '<%= config.bin %> <%= command.id %> --file deploy/batch.yaml --env prod'},
    {description: 'Machine-readable result for CI.', command: '<%= config.bin %> <%= command.id %> --json'},
  ]

  static override flags = {
    file: projectFlags.file,
    env: projectFlags.env,
  }

  async run(): Promise<JsonValidation> {
    const {flags} = await this.parse(Validate)
    const result = validateFile(flags.file, flags.env === undefined ? {} : {env: flags.env})
    const valid = result.diagnostics.length === 0
    if (!this.jsonEnabled()) {
      if (valid && result.config) {
        const where = flags.env === undefined ? '' : ` (environment ${flags.env})`
        const checked = flags.env === undefined && result.environments?.length ? ` (environments checked: ${result.environments.join(', ')})` : ''
        this.log(`${flags.file} is valid${where}: ${describeConfig(result.config)}${checked}`)
        // When each schedule will run, so a wrong hour or time zone shows before it is deployed.
        for (const [id, preview] of Object.entries(schedulePreviews(result.config, {from: new Date()}))) {
          this.log(`  schedule ${id.slice(id.indexOf('/') + 1)}: ${scheduleNote(preview)}`)
        }
      } else {
        const color = process.stderr.isTTY === true && !process.env['NO_COLOR']
        process.stderr.write(renderHuman(flags.file, result.diagnostics, {color}))
      }
    }
    // An invalid file is a normal outcome with a result to print, not a thrown error.
    if (!valid) process.exitCode = 1
    return renderJson(result.diagnostics)
  }
}

