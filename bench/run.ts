// `npm run bench [name...]`: runs the benchmarks (all, or those named) and updates RESULTS.md.
import {readdirSync} from 'node:fs'

const wanted = process.argv.slice(2)
const files = readdirSync(new URL('.', import.meta.url))
  .filter((file) => file.endsWith('.bench.mjs'))
  .filter((file) => wanted.length === 0 || wanted.includes(file.replace('.bench.mjs', '')))
for (const file of files) {
  console.error(`bench: ${file}`)
  const module = await import(new URL(`./${file}`, import.meta.url))
  const result = await module.run()
  console.error(`bench: ${file} done ${JSON.stringify(result)}`)
}
