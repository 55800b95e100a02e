// Card authorizations through Piaf's signed network endpoint, as a card network sends them: each body signed with
// HMAC-SHA256(secret, timestamp + "." + body), a fresh message id, a small amount on a random card of the list.
//   node cards.mjs <baseUrl> <cards.csv> <secret> closed <concurrency> <seconds>   back to back (the maximum rate)
//   node cards.mjs <baseUrl> <cards.csv> <secret> open <rate/s> <seconds>          at a constant rate (latency at a load)
// Prints one JSON line: approved authorizations per second, p50/p99/max in ms, declines and errors, and the CPU this
// driver used. With LATENCY_LOG=<file>, also writes each answer's start (epoch ms) and latency, to find when the slow
// ones happened.
import { readFileSync, writeFileSync } from 'node:fs';
import { createHmac, randomUUID } from 'node:crypto';
import { Pool } from 'undici';

const [base, csv, secret, mode, level, secondsText] = process.argv.slice(2);
const seconds = Number(secondsText);
const cards = readFileSync(csv, 'utf8').trim().split('\n').slice(1).map(line => {
  const [pan, expMonth, expYear, cvc] = line.split(',');
  return { pan, expMonth: Number(expMonth), expYear: Number(expYear), cvc };
});
const pool = new Pool(base, { connections: mode === 'closed' ? Number(level) * 2 : 256, pipelining: 1, keepAliveTimeout: 60_000 });
const latencies = [];
const starts = [];
const counts = { approved: 0, declined: 0, errors: 0 };
const reasons = {};
let measuring = true;

async function authorize() {
  const card = cards[Math.floor(Math.random() * cards.length)];
  const cents = 1 + Math.floor(Math.random() * 10);
  const body = JSON.stringify({ id: randomUUID(), type: 'AUTHORIZATION', pan: card.pan, expMonth: card.expMonth,
    expYear: card.expYear, cvc: card.cvc, amount: { amount: `0.${String(cents).padStart(2, '0')}`, currency: 'EUR' },
    merchant: { name: 'Bench Café', mcc: '5812', country: 'FR' }, channel: 'CONTACTLESS' });
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  const start = process.hrtime.bigint();
  try {
    const response = await pool.request({ method: 'POST', path: '/network/v1/messages', body, headers: {
      'content-type': 'application/json', accept: 'application/json',
      'piaf-network-timestamp': timestamp, 'piaf-network-signature': `v1=${signature}` } });
    const text = await response.body.text();
    if (!measuring) return;
    latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
    starts.push(Date.now() - latencies[latencies.length - 1]);
    if (response.statusCode !== 200) { counts.errors++; return; }
    const answer = JSON.parse(text);
    if (answer.approved) counts.approved++;
    else { counts.declined++; reasons[answer.reason] = (reasons[answer.reason] ?? 0) + 1; }
  } catch (e) {
    if (measuring) counts.errors++;
  }
}

const cpu0 = process.cpuUsage();
const t0 = Date.now();
const deadline = t0 + seconds * 1000;
if (mode === 'closed') {
  await Promise.all(Array.from({ length: Number(level) }, async () => { while (Date.now() < deadline) await authorize(); }));
} else {
  const rate = Number(level);
  const inFlight = new Set();
  let started = 0;
  await new Promise(resolve => {
    const tick = () => {
      const due = Math.floor((Date.now() - t0) * rate / 1000);
      while (started < due && Date.now() < deadline) {
        started++;
        const p = authorize().finally(() => inFlight.delete(p));
        inFlight.add(p);
      }
      if (Date.now() < deadline) setTimeout(tick, 1); else resolve();
    };
    tick();
  });
  await Promise.all(inFlight);
}
const elapsed = (Date.now() - t0) / 1000;
measuring = false;
const cpu = process.cpuUsage(cpu0);
await pool.close();

if (process.env.LATENCY_LOG) {
  writeFileSync(process.env.LATENCY_LOG, starts.map((s, i) => `${Math.round(s)},${latencies[i].toFixed(1)}`).join('\n') + '\n');
}
const pct = p => {
  if (latencies.length === 0) return 0;
  const sorted = Float64Array.from(latencies).sort();
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] * 10) / 10;
};
console.log(JSON.stringify({ mode, level: Number(level), seconds: elapsed, ...counts, reasons,
  rate: Math.round(counts.approved / elapsed * 10) / 10, p50: pct(0.5), p99: pct(0.99), max: pct(1),
  driverCpuMs: Math.round((cpu.user + cpu.system) / 1000) }));
