// Shared by check.js, spike.js and soak.js: reads the token file written by
// `java -jar loadtest/target/tokencheck-loadtest.jar mint --count N --out tokens.json`
// and sends one request of its sequence per iteration, checking the status the file expects.
//
// Token file fields read here (the loadtest module's K6ScriptsTest checks them against what mint writes):
//   format, check_path, baseline_path, expires_at, tokens[].token, tokens[].kind, tokens[].expected_status
import http from 'k6/http';
import { check } from 'k6';
import { Counter } from 'k6/metrics';
import { SharedArray } from 'k6/data';
import exec from 'k6/execution';

export const FORMAT = 'tokencheck-loadtest-tokens/1';
// An absolute path: k6 resolves a relative open() path against the module that calls it (this file's folder).
export const TOKENS = __ENV.TOKENS;
if (!TOKENS || !TOKENS.startsWith('/')) {
  throw new Error('set TOKENS to the absolute path of a token file, e.g. -e TOKENS=$PWD/tokens.json');
}
export const TARGET = (__ENV.TARGET || 'http://127.0.0.1:8080').replace(/\/+$/, '');

// SharedArray: the file is parsed once, not once per VU.
const meta = new SharedArray('tokencheck-meta', () => {
  const f = JSON.parse(open(TOKENS));
  if (f.format !== FORMAT) {
    throw new Error(`${TOKENS}: not a tokencheck token file (format ${f.format}, expected ${FORMAT})`);
  }
  return [{ check_path: f.check_path, baseline_path: f.baseline_path, expires_at: f.expires_at }];
})[0];

const tokens = new SharedArray('tokencheck-tokens', () =>
  JSON.parse(open(TOKENS)).tokens.map((t) => ({ token: t.token, kind: t.kind, expected_status: t.expected_status })));

/** Responses whose status is not the one the token file expects for that token (must stay 0). */
export const unexpected = new Counter('unexpected_status');

export const CHECK_PATH = __ENV.CHECK_PATH || meta.check_path;
export const BASELINE_PATH = meta.baseline_path;

/** A whole number from the environment, or the fallback. */
export function envInt(name, fallback) {
  const v = __ENV[name];
  if (v === undefined || v === '') return fallback;
  const n = parseInt(v, 10);
  if (!(n > 0)) throw new Error(`${name} must be a whole number above 0, not "${v}"`);
  return n;
}

/** A k6 duration from the environment (e.g. 30s, 5m), or the fallback. */
export function envDuration(name, fallback) {
  const v = __ENV[name] || fallback;
  if (!/^(\d+(ms|s|m|h))+$/.test(v)) throw new Error(`${name} must be a duration such as 30s, 5m or 1h30m, not "${v}"`);
  return v;
}

/** Milliseconds of a k6 duration such as 1h30m or 45s. */
export function durationMillis(text) {
  const unit = { ms: 1, s: 1000, m: 60000, h: 3600000 };
  let total = 0;
  for (const [, n, u] of text.matchAll(/(\d+)(ms|s|m|h)/g)) total += parseInt(n, 10) * unit[u];
  return total;
}

/** Fails early when the file's valid tokens would expire before the test ends (they would turn into 401s). */
export function assertTokensOutlive(millis) {
  if (meta.expires_at && meta.expires_at * 1000 < Date.now() + millis) {
    throw new Error(`the valid tokens in ${TOKENS} expire before this test ends; mint a new file (mint --ttl)`);
  }
}

/** One request of the sequence: the iteration number picks the token, so unique tokens are each sent once per pass. */
export function checkOne() {
  const t = tokens[exec.scenario.iterationInTest % tokens.length];
  const res = http.get(`${TARGET}${CHECK_PATH}`, {
    headers: { Authorization: `Bearer ${t.token}` },
    tags: { kind: t.kind },
    responseCallback: http.expectedStatuses(t.expected_status),
  });
  const ok = check(res, { 'status is the expected one': (r) => r.status === t.expected_status });
  if (!ok) unexpected.add(1, { kind: t.kind, status: String(res.status) });
}

/** The same request (same Authorization header) against the empty endpoint: the baseline that prices the check. */
export function baselineOne() {
  const t = tokens[exec.scenario.iterationInTest % tokens.length];
  const res = http.get(`${TARGET}${BASELINE_PATH}`, { headers: { Authorization: `Bearer ${t.token}` } });
  const ok = check(res, { 'baseline status is 200': (r) => r.status === 200 });
  if (!ok) unexpected.add(1, { kind: 'baseline', status: String(res.status) });
}
