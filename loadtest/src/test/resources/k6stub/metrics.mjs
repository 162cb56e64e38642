import { state } from './state.mjs';

class Metric {
  constructor(name) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`bad metric name ${name}`);
    this.name = name;
    state.counters[name] ??= 0;
  }

  add(value) {
    if (typeof value !== 'number') throw new Error(`${this.name}.add needs a number`);
    state.counters[this.name] += value;
  }
}

export class Counter extends Metric {}
export class Trend extends Metric {}
export class Rate extends Metric {}
export class Gauge extends Metric {}
