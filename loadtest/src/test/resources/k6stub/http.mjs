import { state } from './state.mjs';

function request(method, url, body, params = {}) {
  const headers = params.headers ?? {};
  state.requests.push({ method, url, headers, tags: params.tags ?? {}, hasCallback: 'responseCallback' in params });
  return { status: state.respond(url, headers), body: '', headers: {} };
}

export function get(url, params) {
  return request('GET', url, null, params);
}

export function post(url, body, params) {
  return request('POST', url, body, params);
}

export function expectedStatuses(...statuses) {
  for (const s of statuses) {
    if (!Number.isInteger(s) && !(s && Number.isInteger(s.min) && Number.isInteger(s.max))) {
      throw new Error(`expectedStatuses takes status codes or {min, max}, got ${JSON.stringify(s)}`);
    }
  }
  return { statuses };
}

export default { get, post, expectedStatuses };
