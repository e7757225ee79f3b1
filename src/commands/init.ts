import {Flags} from '@oclif/core'

import {BaseCommand} from '../cli/base-command.js'
import {askInit} from '../config/init/ask-init.js'
import {localTimeZone} from '../config/init/init-answers.js'
import {readlinePrompter} from '../config/init/readline-prompter.js'
import {STARTER_COMPUTES} from '../config/init/starter-config.js'
import type {StarterCompute, StarterOptions} from '../config/init/starter-config.js'
import {assertProjectName, checkTarget, defaultProjectFor, writeStarterConfig} from '../config/init/write-starter.js'
import type {InitResult} from '../config/init/write-starter.js'
import {isInteractive} from '../ui/shared/mount.js'

export default class Init extends BaseCommand {
  static override summary = 'Write a starter batch.yaml.'

  static override description = `Writes a batch.yaml with one compute environment (Fargate Spot, EC2 Spot or EC2 On-Demand), a job queue and a hello-world job. The first line points editors at the batch.yaml JSON Schema for completion and checks.

On a terminal, without --project or --compute, init asks for the project name, the kind of compute, the queue and job names, subnets and security groups (optional) and whether to add a nightly schedule; each answer is checked as it is given and asked again when AWS would refuse it. Without a terminal (pipes, CI, --json) it asks nothing and uses the flags and their defaults.

Replace the remaining REPLACE_ME values (subnets, security groups, roles), then run \`batchctl validate\`. An existing file is never overwritten without --force.`

  static override examples = [
    {description: 'Answer a few questions (on a terminal) and write batch.yaml.', command: '<%= config.bin %> <%= command.id %>'},
    {description: 'Start an EC2 Spot project called genomics without questions.', command: '<%= config.bin %> <%= command.id %> --compute spot --project genomics'},
    {description: 'Replace an existing file elsewhere.', command: '<%= config.bin %> <%= command.id %> --file deploy/batch.yaml --force'},
  ]

  static override flags = {
    compute: Flags.string({
      summary: 'Kind of compute: fargate (Fargate Spot), spot (EC2 Spot) or ec2 (EC2 On-Demand); default fargate.',
      options: [...STARTER_COMPUTES],
    }),
    project: Flags.string({summary: 'Project name (lower-case, prefixes AWS names); default: the directory name.'}),
    file: Flags.string({char: 'f', summary: 'Path of the file to write.', default: 'batch.yaml'}),
    force: Flags.boolean({summary: 'Overwrite the file if it exists.', default: false}),
  }

  async run(): Promise<InitResult> {
    const {flags} = await this.parse(Init)
    const target = {file: flags.file, force: flags.force, cwd: process.cwd()}
    const compute = flags.compute as StarterCompute | undefined
    if (flags.project !== undefined) assertProjectName(flags.project)
    let options: Omit<StarterOptions, 'project'> & {project?: string | undefined} = {project: flags.project, compute: compute ?? 'fargate'}
    const ask = (flags.project === undefined || compute === undefined) && !this.jsonEnabled() && isInteractive(process.stdin) && isInteractive(process.stderr)
    if (ask) {
      // Before the questions: nobody should answer them only to hear the file exists.
      checkTarget(target)
      const prompter = readlinePrompter()
      try {
        options = await askInit(prompter, {project: flags.project, compute, defaultProject: defaultProjectFor(target), defaultTimeZone: localTimeZone()})
      } finally {
        prompter.close()
      }
    }
    const result = writeStarterConfig({...target, ...options})
    this.log(`${result.overwritten ? 'Replaced' : 'Wrote'} ${result.file} for project "${result.project}" (${result.compute}).`)
    this.log(
      result.placeholders.length > 0
        ? `Next: replace the REPLACE_ME values (${result.placeholders.join(', ')}), then run \`batchctl validate\`.`
        : 'Next: run `batchctl validate`, then `batchctl plan`.',
    )
    return result
  }
}
