// Confirmed P2P payments through Piaf's public API, as the app makes them: create (JWT, Idempotency-Key), then
// confirm with the PIN. A confirmed payment is a 201 then a 200 COMPLETED.
//   node payments.mjs <baseUrl> <users.csv> closed <concurrency> <seconds>   payers loop back to back (the maximum rate)
//   node payments.mjs <baseUrl> <users.csv> open <rate/s> <seconds>          payments start at a constant rate (latency at a load)
// Prints one JSON line: counts, confirmed payments per second, p50/p99/max per request in ms, and the CPU this
// driver used (so a benchmark can report it apart from Piaf's and PostgreSQL's).
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { Pool } from 'undici';

const [base, csv, mode, level, secondsText] = process.argv.slice(2);
const seconds = Number(secondsText);
const users = readFileSync(csv, 'utf8').trim().split('\n').slice(1).map(line => {
  const [handle, token, pin] = line.split(',');
  return { handle, auth: `Bearer ${token}`, pin };
});
const pool = new Pool(base, { connections: mode === 'closed' ? Number(level) * 2 : 256, pipelining: 1, keepAliveTimeout: 60_000 });
const latencies = { create: [], confirm: [] };
const errors = { create: 0, confirm: 0 };
let confirmed = 0;
let measuring = true;

async function call(kind, path, headers, body) {
  const start = process.hrtime.bigint();
  const response = await pool.request({ method: 'POST', path, headers: { 'content-type': 'application/json', accept: 'application/json', ...headers }, body });
  const text = await response.body.text();
  if (measuring) latencies[kind].push(Number(process.hrtime.bigint() - start) / 1e6);
  return { status: response.statusCode, text };
}

async function pay() {
  const payer = users[Math.floor(Math.random() * users.length)];
  let payee;
  do { payee = users[Math.floor(Math.random() * users.length)]; } while (payee === payer);
  const cents = 1 + Math.floor(Math.random() * 10);
  try {
    const created = await call('create', '/api/payments', { authorization: payer.auth, 'idempotency-key': randomUUID() },
      `{"to":"@${payee.handle}","amount":{"amount":"0.${String(cents).padStart(2, '0')}","currency":"EUR"}}`);
    if (created.status !== 201) { if (measuring) errors.create++; return; }
    const id = JSON.parse(created.text).id;
    const done = await call('confirm', `/api/payments/${id}/confirm`, { authorization: payer.auth }, `{"pin":"${payer.pin}"}`);
    if (done.status !== 200 || JSON.parse(done.text).status !== 'COMPLETED') { if (measuring) errors.confirm++; return; }
    if (measuring) confirmed++;
  } catch (e) {
    if (measuring) errors.create++;
  }
}

const cpu0 = process.cpuUsage();
const t0 = Date.now();
const deadline = t0 + seconds * 1000;
if (mode === 'closed') {
  await Promise.all(Array.from({ length: Number(level) }, async () => { while (Date.now() < deadline) await pay(); }));
} else {
  const rate = Number(level);
  const inFlight = new Set();
  let started = 0;
  await new Promise(resolve => {
    const tick = () => {
      const due = Math.floor((Date.now() - t0) * rate / 1000);
      while (started < due && Date.now() < deadline) {
        started++;
        const p = pay().finally(() => inFlight.delete(p));
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

const pct = (values, p) => {
  if (values.length === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] * 10) / 10;
};
const stats = kind => ({ count: latencies[kind].length, errors: errors[kind], p50: pct(latencies[kind], 0.5), p99: pct(latencies[kind], 0.99), max: pct(latencies[kind], 1) });
console.log(JSON.stringify({ mode, level: Number(level), seconds: elapsed, confirmed, rate: Math.round(confirmed / elapsed * 10) / 10,
  create: stats('create'), confirm: stats('confirm'), driverCpuMs: Math.round((cpu.user + cpu.system) / 1000) }));
