// Node module hooks: the 'k6' modules resolve to the stubs in this folder (k6 itself is not installed in CI).
const STUBS = {
  k6: 'k6.mjs',
  'k6/http': 'http.mjs',
  'k6/metrics': 'metrics.mjs',
  'k6/data': 'data.mjs',
  'k6/execution': 'execution.mjs',
};

export async function resolve(specifier, context, next) {
  if (Object.hasOwn(STUBS, specifier)) {
    return { url: new URL(STUBS[specifier], import.meta.url).href, shortCircuit: true };
  }
  if (specifier.startsWith('k6')) {
    throw new Error(`the k6 stub has no module ${specifier}; add one to loadtest/src/test/resources/k6stub`);
  }
  return next(specifier, context);
}
