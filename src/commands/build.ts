import {Args} from '@oclif/core'

import {awsFlags, BaseCommand, projectFlags} from '../cli/base-command.js'
import {withProjectSession} from '../cli/project-session.js'
import {ecrCredentialSource} from '../aws/ecr-auth.js'
import type {BuiltImage} from '../images/image-builder.js'
import {ImageBuilder} from '../images/image-builder.js'
import {buildImages} from '../services/build-images.js'

export default class Build extends BaseCommand {
  static override summary = 'Build the job images and push them to their ECR repositories.'
  static override description = `Builds each image in batch.yaml's \`images:\` (with Docker for \`context:\` images, without a
daemon for \`base:\` + \`files:\` images) and pushes it under a tag that is a hash of its content.
An image whose content the repository already has is neither built nor pushed. \`apply\` does
the same on its own before registering job definitions; \`build\` is for CI steps that push first. \`push\` is another name for it.`

  static override examples = [
    {description: 'Build and push every image.', command: '<%= config.bin %> <%= command.id %>'},
    {description: 'Only the worker image, printing URIs and digests as JSON.', command: '<%= config.bin %> <%= command.id %> worker --json'},
  ]

  // `push` is the same command: an image is pushed as it is built, and only when the registry lacks it.
  static override aliases = ['push']

  static override strict = false
  static override args = {images: Args.string({description: 'Image keys from batch.yaml (default: all).', required: false})}
  static override flags = {...projectFlags, ...awsFlags}

  async run(): Promise<{images: BuiltImage[]}> {
    const {flags, argv} = await this.parse(Build)
    return withProjectSession(flags, async ({loaded, session, images}) => {
      const builder = new ImageBuilder({
        baseDir: loaded.baseDir,
        credentials: ecrCredentialSource(session.clients),
        onProgress: (key, event) => {
          if (this.jsonEnabled()) return
          if (event.type === 'docker') this.logToStderr(`${key} | ${event.line}`)
          else if (event.type === 'blob') this.logToStderr(`${key}: ${event.action} ${event.digest.slice(7, 19)} (${event.bytes} bytes)`)
          else if (event.type === 'layer-built') this.logToStderr(`${key}: built layer from ${event.src} (${event.bytes} bytes)`)
        },
      })
      const built = await buildImages({...images, builder}, argv as string[])
      if (!this.jsonEnabled()) {
        for (const image of built) this.log(`${image.key}: ${image.uri}${image.skipped ? ' (unchanged, not pushed)' : ''}`)
      }
      return {images: built}
    })
  }
}
