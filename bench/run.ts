// `npm run bench [name...]` (run under tsx, so benchmarks may be TypeScript and reuse test helpers): runs the benchmarks (all, or those named) and updates RESULTS.md.
import {readdirSync} from 'node:fs'

const wanted = process.argv.slice(2)
const files = readdirSync(new URL('.', import.meta.url))
  .filter((file) => /\.bench\.(mjs|ts)$/.test(file))
  .filter((file) => wanted.length === 0 || wanted.includes(file.replace(/\.bench\.(mjs|ts)$/, '')))
for (const file of files) {
  console.error(`bench: ${file}`)
  const module = (await import(new URL(`./${file}`, import.meta.url).href)) as {run(): Promise<unknown>}
  const result = await module.run()
  console.error(`bench: ${file} done ${JSON.stringify(result)}`)
}
