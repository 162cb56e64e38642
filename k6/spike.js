// A spike: BASE_RATE, a fast ramp to PEAK_RATE, hold, back to BASE_RATE. Statuses must stay right throughout;
// the latency bound is looser than check.js's.
//   k6 run -e TOKENS=$PWD/tokens.json -e BASE_RATE=200 -e PEAK_RATE=2000 k6/spike.js
// Env: TARGET, TOKENS, BASE_RATE (200), PEAK_RATE (2000), BASE_DURATION (30s), RAMP (5s), HOLD (20s),
//      PRE_VUS (50), MAX_VUS (500), P99_MS (50)
import { checkOne, envInt, envDuration, durationMillis, assertTokensOutlive } from './lib/workload.js';

const BASE_RATE = envInt('BASE_RATE', 200);
const PEAK_RATE = envInt('PEAK_RATE', 2000);
const BASE_DURATION = envDuration('BASE_DURATION', '30s');
const RAMP = envDuration('RAMP', '5s');
const HOLD = envDuration('HOLD', '20s');

export const options = {
  scenarios: {
    spike: {
      executor: 'ramping-arrival-rate',
      startRate: BASE_RATE,
      timeUnit: '1s',
      preAllocatedVUs: envInt('PRE_VUS', 50),
      maxVUs: envInt('MAX_VUS', 500),
      stages: [
        { target: BASE_RATE, duration: BASE_DURATION },
        { target: PEAK_RATE, duration: RAMP },
        { target: PEAK_RATE, duration: HOLD },
        { target: BASE_RATE, duration: RAMP },
        { target: BASE_RATE, duration: BASE_DURATION },
      ],
    },
  },
  thresholds: {
    http_req_duration: [`p(99)<${envInt('P99_MS', 50)}`],
    unexpected_status: ['count==0'],
    checks: ['rate==1'],
  },
};

export function setup() {
  assertTokensOutlive(2 * durationMillis(BASE_DURATION) + 2 * durationMillis(RAMP) + durationMillis(HOLD));
}

export default function () {
  checkOne();
}
