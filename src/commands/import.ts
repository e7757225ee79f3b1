import {Args, Flags} from '@oclif/core'

import {awsFlags, BaseCommand, projectFlags} from '../cli/base-command.js'
import {runApplyFlow, type ApplyFlowResult} from '../cli/apply-flow.js'
import {withProjectSession} from '../cli/project-session.js'
import {UserError} from '../errors.js'
import {resolveImageUris, withImageBuilds} from '../services/images.js'
import {parseImportKeys, planImport, type ImportSelection} from '../services/importing.js'
import {applyFlags} from './apply.js'

/** `import --json`: the apply flow's result plus the resources adopted. */
export type ImportResult = ApplyFlowResult & {imported: string[]}

export default class Import extends BaseCommand {
  static override summary = 'Adopt resources that exist in AWS under a name batch.yaml wants.'
  static override description = `A resource with a wanted name that this project does not own is a conflict in \`plan\`.
Import plans with those resources adopted, shows what adopting changes (the ownership tags
written, and any difference batch.yaml imposes on the resource), asks for confirmation, and
applies only those changes. Afterwards \`plan\` treats them as the project's own. Resources
tagged by another batchctl project cannot be imported.`

  static override examples = [
    {description: 'Adopt the job queue `default` of batch.yaml.', command: '<%= config.bin %> <%= command.id %> batch.jobQueue/default'},
    {description: 'The form the plan hint prints works too.', command: '<%= config.bin %> <%= command.id %> batch.jobQueue default'},
    {description: 'Adopt every conflict of the prod environment, in CI.', command: '<%= config.bin %> <%= command.id %> --all-conflicts --env prod --auto-approve'},
    {description: 'Against the embedded emulator.', command: '<%= config.bin %> <%= command.id %> batch.computeEnvironment/spot --local'},
  ]

  static override strict = false

  static override args = {
    resources: Args.string({description: 'Resources to adopt, as kind/name (the change ids of `plan --json`).', required: false}),
  }

  static override flags = {
    ...projectFlags,
    ...awsFlags,
    ...applyFlags,
    'all-conflicts': Flags.boolean({summary: 'Adopt every conflict the plan reports.', default: false}),
  }

  async run(): Promise<ImportResult> {
    const {argv, flags} = await this.parse(Import)
    const keys = parseImportKeys(argv as string[])
    if (keys.length === 0 && !flags['all-conflicts']) {
      throw new UserError('name the resources to import, or pass --all-conflicts', {
        code: 'import-nothing-named',
        hints: ['`batchctl plan` lists conflicts; import one with `batchctl import kind/name`'],
      })
    }
    const selection: ImportSelection = flags['all-conflicts'] ? {allConflicts: true} : {keys}
    const outcome = await withProjectSession(flags, async ({loaded, session, registry, images}) => {
      const imageUris = await resolveImageUris(images)
      const {plan, adopted} = await planImport(loaded, registry.adapters, selection, {
        imageUris,
        region: session.target.region,
        accountId: () => session.accountId(),
      })
      const flow = await runApplyFlow({
        plan,
        adapters: withImageBuilds(registry.adapters, images),
        region: session.target.region,
        projectDir: loaded.baseDir,
        autoApprove: flags['auto-approve'],
        json: this.jsonEnabled(),
        concurrency: flags.concurrency,
        targets: adopted,
        verb: 'apply',
      })
      const imported = flow.result?.ok ? adopted : []
      if (!this.jsonEnabled()) {
        if (adopted.length === 0) this.logToStderr('No conflicts to import.')
        else if (imported.length > 0) this.logToStderr(`Imported ${imported.join(', ')}: batchctl now manages ${imported.length === 1 ? 'it' : 'them'} for this project.`)
      }
      return {...flow, imported}
    })
    if (outcome.result && !outcome.result.ok) process.exitCode = 1
    return outcome
  }
}
