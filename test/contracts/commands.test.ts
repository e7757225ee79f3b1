import {readdirSync, readFileSync} from 'node:fs'
import {join, relative} from 'node:path'
import {describe, expect, it} from 'vitest'

import {repoRoot, runCli} from '../helpers/cli.js'

// The help users read is part of the contract: every command has a summary and an example
// (CONVENTIONS.md, "Every command's help has at least one example"), and `batchctl --help`
// leads to every command.

interface ManifestCommand {
  summary?: string
  description?: string
  examples?: Array<string | {command: string; description?: string}>
}

const manifest = JSON.parse(readFileSync(join(repoRoot, 'oclif.manifest.json'), 'utf8')) as {commands: Record<string, ManifestCommand>}
const ids = Object.keys(manifest.commands).sort()

/** Command ids from the sources (`src/commands/local/start.ts` → `local:start`), as oclif derives them. */
function sourceCommandIds(): string[] {
  const root = join(repoRoot, 'src', 'commands')
  const walk = (dir: string): string[] =>
    readdirSync(dir, {withFileTypes: true}).flatMap((entry) =>
      entry.isDirectory() ? walk(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [relative(root, join(dir, entry.name)).slice(0, -3).split('/').join(':')] : [],
    )
  return walk(root).sort()
}

/** The command part of an example, whichever form it was declared in. */
const exampleCommand = (example: string | {command: string}) => (typeof example === 'string' ? example : example.command)

describe('commands in oclif.manifest.json', () => {
  it('lists every command of src/commands (regenerate with `npm run build && npm run manifest`)', () => {
    expect(ids).toEqual(sourceCommandIds())
  })

  it.each(ids)('%s has a summary and at least one example that runs it', (id) => {
    const command = manifest.commands[id]!
    expect(command.summary?.trim().length ?? 0).toBeGreaterThan(10)
    expect(command.examples?.length ?? 0).toBeGreaterThan(0)
    for (const example of command.examples ?? []) {
      // oclif fills in `<%= config.bin %> <%= command.id %>`; a literal spelling is accepted too.
      expect(exampleCommand(example)).toMatch(new RegExp(`(<%= config\\.bin %> (<%= command\\.id %>|${id.replace(/:/g, ' ')})|batchctl ${id.replace(/:/g, ' ')})`))
    }
  })
})

describe('batchctl --help', () => {
  it('lists every command with its summary (commands of a topic under the topic\'s help)', async () => {
    const root = await runCli(['--help'])
    expect(root.code).toBe(0)
    for (const id of ids) {
      const [first, ...rest] = id.split(':')
      if (rest.length === 0) {
        expect(root.stdout).toMatch(new RegExp(`^  ${first} +\\S`, 'm'))
        continue
      }
      // A topic appears in the root help; its commands in `batchctl <topic> --help`.
      expect(root.stdout).toMatch(new RegExp(`^  ${first} +\\S`, 'm'))
      const topic = await runCli([first!, '--help'])
      expect(topic.stdout).toContain(`  ${id.replace(/:/g, ' ')}  `)
    }
  })

  it('shows the examples in each command\'s own help', async () => {
    for (const id of ids) {
      const help = await runCli([...id.split(':'), '--help'])
      expect(help.code, id).toBe(0)
      expect(help.stdout, id).toContain('EXAMPLES')
      expect(help.stdout, id).toContain(`$ batchctl ${id.replace(/:/g, ' ')}`)
    }
  })
})
