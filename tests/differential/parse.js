// Prints what dotenv's released parser reads from each file named on the command line, as JSON:
// {"path": {"KEY": "value", ...}, ...}. Files are read as Buffers, as dotenv.config() does, so
// node decodes them (invalid UTF-8 becomes U+FFFD). dotenv keeps the last of duplicate keys; keys
// come in the object's own order (integer-like keys first, as JavaScript orders them).
'use strict'

const fs = require('fs')
const dotenv = require('dotenv')

const out = {}
for (const file of process.argv.slice(2)) {
  out[file] = dotenv.parse(fs.readFileSync(file))
}
process.stdout.write(JSON.stringify(out) + '\n')
