import { state } from './state.mjs';

export function check(value, sets) {
  let all = true;
  for (const fn of Object.values(sets)) {
    const ok = Boolean(fn(value));
    if (ok) state.checks.passed++;
    else state.checks.failed++;
    all &&= ok;
  }
  return all;
}

export function sleep() {}

export default { check, sleep };
