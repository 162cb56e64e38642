import { state } from './state.mjs';

export default {
  scenario: {
    get iterationInTest() {
      return state.iterationInTest;
    },
    name: 'stub',
  },
  vu: { idInTest: 1 },
};
