// Runs one k6 script under the stubs: imports it (init context), checks its options, calls setup() and each
// scenario's function for a few hundred iterations, answering every request with the status the token file
// expects for its token. Prints a JSON summary; exits non-zero with a message on any problem.
//   node --import ./register.mjs runner.mjs SCRIPT TOKEN_FILE
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { state } from './state.mjs';

const [script, tokenFile] = process.argv.slice(2);
const TARGET = 'http://127.0.0.1:9';
const file = JSON.parse(readFileSync(tokenFile, 'utf8'));
const expectedByToken = new Map(file.tokens.map((t) => [t.token, t.expected_status]));

globalThis.__ENV = { TOKENS: tokenFile, TARGET, DURATION: '10s' };
globalThis.open = (path) => readFileSync(path, 'utf8');

const problems = [];
state.respond = (url, headers) => {
  if (url === TARGET + file.baseline_path) return 200;
  if (url !== TARGET + file.check_path) {
    problems.push(`request to ${url}, not ${TARGET}${file.check_path}`);
    return 404;
  }
  const auth = headers.Authorization ?? '';
  const token = auth.startsWith('Bearer ') ? auth.slice(7) : undefined;
  if (!expectedByToken.has(token)) {
    problems.push(`a request carried no token from the file (Authorization: ${auth.slice(0, 30)}...)`);
    return 401;
  }
  return expectedByToken.get(token);
};

const mod = await import(pathToFileURL(script).href);
const options = mod.options;
if (!options || !options.scenarios || Object.keys(options.scenarios).length === 0) {
  problems.push('options.scenarios is missing');
}
const executors = new Set(['constant-arrival-rate', 'ramping-arrival-rate', 'constant-vus', 'ramping-vus',
  'per-vu-iterations', 'shared-iterations', 'externally-controlled']);
const fns = [];
for (const [name, sc] of Object.entries(options?.scenarios ?? {})) {
  if (!executors.has(sc.executor)) problems.push(`scenario ${name}: unknown executor ${sc.executor}`);
  const fnName = sc.exec ?? 'default';
  if (typeof mod[fnName] !== 'function') problems.push(`scenario ${name}: no exported function ${fnName}`);
  else fns.push(mod[fnName]);
}
const thresholds = options?.thresholds ?? {};
if (!thresholds.unexpected_status) problems.push('no threshold on unexpected_status');
if (!Object.keys(thresholds).some((k) => k.startsWith('http_req_duration'))) problems.push('no threshold on http_req_duration');
for (const [metric, list] of Object.entries(thresholds)) {
  for (const t of list) {
    if (!/^(p\(\d+(\.\d+)?\)|count|rate|avg|min|max|med)\s*(<|<=|>|>=|==|===|!=)\s*\d+(\.\d+)?$/.test(t)) {
      problems.push(`threshold ${metric}: "${t}" is not a k6 threshold expression`);
    }
  }
}

const iterations = 300;
try {
  if (typeof mod.setup === 'function') mod.setup();
  for (const fn of fns) {
    for (let i = 0; i < iterations; i++) {
      state.iterationInTest = i;
      fn();
    }
  }
} catch (e) {
  problems.push(`the script threw: ${e.message}`);
}

const kinds = {};
for (const r of state.requests) {
  if (r.url.endsWith(file.check_path)) kinds[r.tags.kind] = (kinds[r.tags.kind] ?? 0) + 1;
}
console.log(JSON.stringify({
  script,
  requests: state.requests.length,
  checks: state.checks,
  unexpected: state.counters.unexpected_status ?? null,
  kinds,
  problems: [...new Set(problems)],
}));
process.exit(problems.length === 0 ? 0 : 1);
