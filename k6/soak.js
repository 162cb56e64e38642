// A soak: a moderate constant rate for a long time (memory, connection or key-refresh problems show up as drift).
// Mint with a --ttl longer than DURATION, or the valid tokens turn into 401s (setup() refuses to start then).
//   k6 run -e TOKENS=$PWD/tokens.json -e RATE=200 -e DURATION=30m k6/soak.js
// Env: TARGET, TOKENS, RATE (200), DURATION (30m), PRE_VUS (20), MAX_VUS (100), P99_MS (10)
import { checkOne, envInt, envDuration, durationMillis, assertTokensOutlive } from './lib/workload.js';

const DURATION = envDuration('DURATION', '30m');

export const options = {
  scenarios: {
    soak: {
      executor: 'constant-arrival-rate',
      rate: envInt('RATE', 200),
      timeUnit: '1s',
      duration: DURATION,
      preAllocatedVUs: envInt('PRE_VUS', 20),
      maxVUs: envInt('MAX_VUS', 100),
    },
  },
  thresholds: {
    http_req_duration: [`p(99)<${envInt('P99_MS', 10)}`, 'p(50)<5'],
    unexpected_status: ['count==0'],
    checks: ['rate==1'],
  },
};

export function setup() {
  assertTokensOutlive(durationMillis(DURATION));
}

export default function () {
  checkOne();
}
