// What the stubs saw, read by runner.mjs.
export const state = globalThis.__k6stub ??= {
  requests: [],
  checks: { passed: 0, failed: 0 },
  counters: {},
  iterationInTest: 0,
  respond: () => 200,
};
