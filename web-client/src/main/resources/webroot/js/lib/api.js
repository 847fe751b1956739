import { serverMessage, t } from './i18n.js';

/** An HTTP failure with the protocol's error shape: {error: {code, message}}. */
export class ApiError extends Error {
  constructor(status, code, message, retryAfter) {
    super(message);
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
  }

  /** The message in the page's language (server messages are "English / 한국어"). */
  localized() {
    if (this.code === 'network') return t('error.network');
    if (this.status === 429) return t('error.rateLimitedHttp', { s: this.retryAfter || '?' });
    return serverMessage(this.message) || t('error.generic');
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
    throw new ApiError(response.status, err.code, err.message, response.headers.get('retry-after'));
  }
  return json;
}
