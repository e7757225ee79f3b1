#!/usr/bin/env node
// The baseline for the start-up benchmark: an oclif 4 CLI with one trivial command.
import {execute} from '@oclif/core'

await execute({dir: import.meta.url})
