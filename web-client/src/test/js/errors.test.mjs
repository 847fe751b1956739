// The client's one formatter for server errors (js/lib/errors.js): reason and params from the
// strings table, then the code's words, then the server's English message.
import { test } from 'node:test';
import assert from 'node:assert/strict';

// i18n.js keeps the chosen language in localStorage and relabels the document on a switch.
const stored = new Map();
globalThis.window = {
  localStorage: {
    getItem: (k) => (stored.has(k) ? stored.get(k) : null),
    setItem: (k, v) => stored.set(k, String(v)),
    removeItem: (k) => stored.delete(k),
  },
};
globalThis.document = { documentElement: {}, querySelectorAll: () => [] };

const { setLang } = await import('../../main/resources/webroot/js/lib/i18n.js');
const { errorText, warningText } = await import('../../main/resources/webroot/js/lib/errors.js');
const { STRINGS } = await import('../../main/resources/webroot/js/lib/strings.js');

test('a known reason is worded from the strings table with its params, in the page language', () => {
  const error = { type: 'error', code: 'too-long', reason: 'text-too-long', params: { field: 'card', max: 500 },
    message: 'The card is too long: at most 500 characters.' };
  setLang('ko');
  assert.equal(errorText(error), '너무 깁니다. 최대 500자까지 쓸 수 있습니다.');
  setLang('en');
  assert.equal(errorText(error), 'Too long: at most 500 characters.');
  setLang('ko');
});

test('an unknown reason falls back to its code, an unknown code to the message, nothing to the generic text', () => {
  setLang('ko');
  assert.equal(errorText({ code: 'forbidden', reason: 'from-a-newer-server', message: 'Nope.' }), STRINGS.ko['error.forbidden']);
  assert.equal(errorText({ code: 'brand-new', reason: 'brand-new', message: 'A new refusal. / 새 거절.' }),
    'A new refusal. / 새 거절.', 'the message is shown whole, never split');
  assert.equal(errorText({ code: 'brand-new' }), STRINGS.ko['error.generic']);
  assert.equal(errorText(null), STRINGS.ko['error.generic']);
});

test('HTTP failures: the network, and a 429 without a reason keeps its Retry-After', () => {
  setLang('en');
  assert.equal(errorText({ status: 0, code: 'network', message: 'Failed to fetch' }), STRINGS.en['error.network']);
  assert.equal(errorText({ status: 429, code: 'rate-limited', retryAfter: '7' }), 'Too many attempts. Try again in 7 s.');
  assert.equal(errorText({ status: 429, code: 'rate-limited', reason: 'too-many-attempts', params: { seconds: 9 } }),
    'Too many wrong attempts; try again in 9 s.');
  setLang('ko');
});

test('ack warnings are worded by their code; an unknown one is shown as sent', () => {
  setLang('ko');
  assert.equal(warningText('short-slots: each group gets 10 s to present; consider adding time or fewer groups.'),
    STRINGS.ko['warning.short-slots']);
  assert.equal(warningText('new-warning: something'), 'new-warning: something');
});
