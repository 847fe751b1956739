import { errorText } from './errors.js';

/** An HTTP failure with the protocol's error shape: {error: {code, reason, params, message}}. */
export class ApiError extends Error {
  constructor(status, code, message, retryAfter, reason, params) {
    super(message);
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
    this.reason = reason;
    this.params = params;
  }

  /** The error in the page's language (see errors.js). */
  localized() {
    return errorText(this);
  }
}

export async function api(method, path, { body, token } = {}) {
  const headers = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
  } catch (e) {
    throw new ApiError(0, 'network', e.message);
  }
  if (response.status === 204) return null;
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { /* not JSON: handled below */ }
  if (!response.ok) {
    const err = json && json.error ? json.error : { code: 'internal', message: text };
    throw new ApiError(response.status, err.code, err.message, response.headers.get('retry-after'), err.reason, err.params);
  }
  return json;
}
