export class SharedArray {
  constructor(name, fn) {
    if (typeof name !== 'string' || typeof fn !== 'function') throw new Error('SharedArray(name, function)');
    const data = fn();
    if (!Array.isArray(data)) throw new Error(`SharedArray ${name}: the function must return an array`);
    // k6 freezes shared data; so does the stub, to catch scripts that write to it.
    return Object.freeze(data.map((d) => Object.freeze(d)));
  }
}
