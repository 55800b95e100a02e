// Piaf's development chain: Ganache 7.9 (a real EVM JSON-RPC node) on 127.0.0.1, started by Piaf when no chain URL
// is configured. It lives exactly as long as the Piaf process that started it: when Piaf closes our stdin — or dies,
// even by kill -9, which closes the pipe — the chain shuts down (no orphan after a test run). Data is kept in the
// directory given, so a restarted Piaf finds its contract and balances again.
//   node devchain.mjs <port> <dataDir> <chainId> [blockTimeSeconds]
import ganache from 'ganache';

const [port, dbPath, chainId, blockTime] = process.argv.slice(2);
const server = ganache.server({
  chain: { chainId: Number(chainId), networkId: Number(chainId), hardfork: 'shanghai' },
  database: { dbPath },
  // Ten accounts with 1000 ETH each from the well-known test mnemonic: the dev chain's faucet, never custody.
  wallet: { deterministic: true, totalAccounts: 2 },
  miner: { blockTime: Number(blockTime ?? 0) },
  logging: { quiet: true },
});

let closing = false;
const close = async (code) => {
  if (closing) return;
  closing = true;
  try { await server.close(); } catch { /* already closed */ }
  process.exit(code);
};
process.stdin.on('end', () => close(0));
process.stdin.on('error', () => close(0));
process.stdin.resume();
process.on('SIGTERM', () => close(0));
process.on('SIGINT', () => close(0));

server.listen(Number(port), '127.0.0.1', (err) => {
  if (err) {
    console.error(`devchain: ${err.message}`);
    process.exit(1);
  }
  console.log(`devchain listening on 127.0.0.1:${port} chainId ${chainId}`);
});
