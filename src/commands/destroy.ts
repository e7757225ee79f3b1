import {awsFlags, BaseCommand, projectFlags} from '../cli/base-command.js'
import {runApplyFlow, type ApplyFlowResult} from '../cli/apply-flow.js'
import {withProjectSession} from '../cli/project-session.js'
import {planProject} from '../services/planning.js'
import {applyFlags} from './apply.js'

export default class Destroy extends BaseCommand {
  static override summary = 'Delete everything this project (and environment) owns in AWS.'
  static override description = `Plans the removal of every resource carrying this project's ownership tags (and the
selected --env), shows it, asks for confirmation, then removes them in reverse dependency
order: schedules and rules first, queues disabled and deleted before their compute
environments. Resources the project does not own are never touched.`

  static override examples = [
    {description: 'Remove the dev environment of ./batch.yaml.', command: '<%= config.bin %> <%= command.id %> --env dev'},
    {description: 'In CI, without a prompt.', command: '<%= config.bin %> <%= command.id %> --auto-approve'},
  ]

  static override flags = {...projectFlags, ...awsFlags, ...applyFlags}

  async run(): Promise<ApplyFlowResult> {
    const {flags} = await this.parse(Destroy)
    const outcome = await withProjectSession(flags, async ({loaded, session, registry}) => {
      const {plan} = await planProject(loaded, registry.adapters, {destroy: true, region: session.target.region, accountId: () => session.accountId()})
      return runApplyFlow({
        plan,
        adapters: registry.adapters,
        region: session.target.region,
        projectDir: loaded.baseDir,
        autoApprove: flags['auto-approve'],
        json: this.jsonEnabled(),
        concurrency: flags.concurrency,
        verb: 'destroy',
      })
    })
    if (outcome.result && !outcome.result.ok) process.exitCode = 1
    return outcome
  }
}
