// Constant arrival rate, mixed workload from the token file; then (BASELINE=1, the default) the same rate against
// /health/live, so the check's cost is a ratio of two runs of the same server.
//   k6 run -e TOKENS=$PWD/tokens.json -e TARGET=http://127.0.0.1:8080 -e RATE=500 -e DURATION=30s k6/check.js
// Env: TARGET, TOKENS, RATE (per second, 500), DURATION (30s), PRE_VUS (50), MAX_VUS (200), P99_MS (10),
//      BASELINE (1 or 0), CHECK_PATH (from the file)
import { checkOne, baselineOne, envInt, envDuration, durationMillis, assertTokensOutlive } from './lib/workload.js';

const RATE = envInt('RATE', 500);
const DURATION = envDuration('DURATION', '30s');
const PRE_VUS = envInt('PRE_VUS', 50);
const MAX_VUS = envInt('MAX_VUS', 200);
const P99_MS = envInt('P99_MS', 10);
const BASELINE = (__ENV.BASELINE || '1') !== '0';

const scenarios = {
  check: {
    executor: 'constant-arrival-rate',
    exec: 'checkScenario',
    rate: RATE,
    timeUnit: '1s',
    duration: DURATION,
    preAllocatedVUs: PRE_VUS,
    maxVUs: MAX_VUS,
  },
};
if (BASELINE) {
  scenarios.baseline = { ...scenarios.check, exec: 'baselineScenario', startTime: DURATION };
}

export const options = {
  scenarios,
  thresholds: {
    'http_req_duration{scenario:check}': [`p(99)<${P99_MS}`],
    unexpected_status: ['count==0'],
    checks: ['rate==1'],
  },
};

export function setup() {
  assertTokensOutlive(2 * durationMillis(DURATION));
}

export function checkScenario() {
  checkOne();
}

export function baselineScenario() {
  baselineOne();
}
