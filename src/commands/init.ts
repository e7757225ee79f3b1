import {Flags} from '@oclif/core'

import {BaseCommand} from '../cli/base-command.js'
import {STARTER_COMPUTES} from '../config/init/starter-config.js'
import type {StarterCompute} from '../config/init/starter-config.js'
import {writeStarterConfig} from '../config/init/write-starter.js'
import type {InitResult} from '../config/init/write-starter.js'

export default class Init extends BaseCommand {
  static override summary = 'Write a starter batch.yaml.'

  static override description = `Writes a batch.yaml with one compute environment (Fargate Spot, EC2 Spot or EC2 On-Demand), a job queue and a hello-world job. The first line points editors at the batch.yaml JSON Schema for completion and checks. Replace the REPLACE_ME values (subnets, security groups, roles), then run \`batchctl validate\`.

An existing file is never overwritten without --force.`

  static override examples = [
    {description: 'Start a Fargate project named after the current directory.', command: '<%= config.bin %> <%= command.id %>'},
    {description: 'Start an EC2 Spot project called genomics.', command: '<%= config.bin %> <%= command.id %> --compute spot --project genomics'},
    {description: 'Replace an existing file elsewhere.', command: '<%= config.bin %> <%= command.id %> --file deploy/batch.yaml --force'},
  ]

  static override flags = {
    compute: Flags.string({
      summary: 'Kind of compute for the starter environment.',
      options: [...STARTER_COMPUTES],
      default: 'fargate',
    }),
    project: Flags.string({summary: 'Project name (lower-case, used in AWS names); default: the directory name.'}),
    file: Flags.string({char: 'f', summary: 'Path of the file to write.', default: 'batch.yaml'}),
    force: Flags.boolean({summary: 'Overwrite the file if it exists.', default: false}),
  }

  async run(): Promise<InitResult> {
    const {flags} = await this.parse(Init)
    const result = writeStarterConfig({
      file: flags.file,
      compute: flags.compute as StarterCompute,
      project: flags.project,
      force: flags.force,
      cwd: process.cwd(),
    })
    this.log(`${result.overwritten ? 'Replaced' : 'Wrote'} ${result.file} for project "${result.project}" (${result.compute}).`)
    this.log('Next: replace the REPLACE_ME values, then run `batchctl validate`.')
    return result
  }
}
