// The one place that words the server's refusals (docs/protocol.md, "Errors"). Every error, on the
// socket ({type: 'error', ...}) or over HTTP ({error: {...}}, see ApiError), carries a code (what
// the client acts on), a reason and params (what it words from strings.js) and an English message
// for other clients. Unknown to this page: its code's words, else the server's message.
import { STRINGS } from './strings.js';
import { t } from './i18n.js';

const known = (key) => key in STRINGS.ko;

/** The text for an error {code, reason, params, message} in the page's language. */
export function errorText(error) {
  if (!error) return t('error.generic');
  const params = error.params || {};
  if (error.code === 'network') return t('error.network');
  if (error.reason && known(`reason.${error.reason}`)) return t(`reason.${error.reason}`, params);
  // An HTTP 429 without a reason came from a proxy or an older server: its Retry-After still counts.
  if (error.status === 429) return t('error.rateLimitedHttp', { s: error.retryAfter || '?' });
  if (error.code && known(`error.${error.code}`)) return t(`error.${error.code}`, params);
  return error.message || t('error.generic');
}

/**
 * The text for an ack's warning. Warnings are "code: English" (docs/protocol.md); the code is
 * worded from strings.js, the English shown as it is for a code this page does not know.
 */
export function warningText(warning) {
  const code = String(warning).split(':', 1)[0].trim();
  return known(`warning.${code}`) ? t(`warning.${code}`) : String(warning);
}
