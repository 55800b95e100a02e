// Compiles contracts/*.sol with npm's solc (no download) for the EVM version the dev chain runs (Ganache 7.9: shanghai),
// writing <Name>.abi and <Name>.bin where the Maven build asks (argv[2]), for web3j's wrapper generator.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const solc = require('solc');
const out = process.argv[2] ?? 'build';
const here = path.dirname(new URL(import.meta.url).pathname);
const sources = {};
for (const file of fs.readdirSync(path.join(here, 'contracts')).filter(f => f.endsWith('.sol'))) {
  sources[file] = { content: fs.readFileSync(path.join(here, 'contracts', file), 'utf8') };
}
const input = {
  language: 'Solidity',
  sources,
  settings: {
    evmVersion: 'shanghai',
    optimizer: { enabled: true, runs: 200 },
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
  },
};
const findImports = (p) => {
  try {
    return { contents: fs.readFileSync(require.resolve(p), 'utf8') };
  } catch (e) {
    return { error: `not found: ${p}` };
  }
};
const result = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));
const errors = (result.errors ?? []).filter(e => e.severity === 'error');
for (const e of result.errors ?? []) console.error(e.formattedMessage);
if (errors.length) process.exit(1);
fs.mkdirSync(out, { recursive: true });
for (const file of Object.keys(sources)) {
  for (const [name, contract] of Object.entries(result.contracts[file])) {
    fs.writeFileSync(path.join(out, `${name}.abi`), JSON.stringify(contract.abi));
    fs.writeFileSync(path.join(out, `${name}.bin`), contract.evm.bytecode.object);
    console.log(`compiled ${name} (solc ${solc.version()}, shanghai)`);
  }
}
