// The join screen: the code (looked up as it is typed), the name, and the group choice.
import { h, $, reconcile, setText, show } from './lib/dom.js';
import { t } from './lib/i18n.js';
import { api, ApiError } from './lib/api.js';
import { isComposing } from './lib/ime.js';
import { local } from './lib/storage.js';
import { store, S, keys } from './student-store.js';
import { errorText } from './lib/errors.js';
import { startConnection } from './student-connection.js';

export function wireJoinForm() {
  const form = $('#join-form');
  const code = $('#join-code');
  code.addEventListener('input', () => {
    // Keep digits only: the numeric keypad is a hint, pasted text is not.
    const digits = code.value.replace(/\D/g, '').slice(0, 6);
    if (digits !== code.value && !isComposing(code)) code.value = digits;
    S.code = digits;
    S.joinError = '';
    if (digits.length === 6) lookUpCode(digits);
    else { S.joinInfo = null; S.joinInfoFor = ''; }
    store.changed();
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    submitJoin();
  });
}

export async function lookUpCode(code) {
  if (S.joinInfoFor === code) return;
  S.joinInfoFor = code;
  try {
    const info = await api('GET', `/api/join/${encodeURIComponent(code)}`);
    if (S.joinInfoFor === code) S.joinInfo = info;
  } catch (e) {
    if (S.joinInfoFor === code) {
      S.joinInfo = null;
      S.joinError = e instanceof ApiError && e.status === 404 ? t('join.wrongCode') : errorText(e);
    }
  }
  store.changed();
}

async function submitJoin() {
  if (S.joining) return;
  const code = $('#join-code').value.replace(/\D/g, '');
  const name = $('#join-name').value.trim();
  if (code.length !== 6) {
    S.joinError = t('join.needCode');
    store.changed();
    $('#join-code').focus();
    return;
  }
  if (!name || name.length > 40) {
    S.joinError = t('join.needName');
    store.changed();
    $('#join-name').focus();
    return;
  }
  const body = { code, name };
  const chosen = document.querySelector('input[name="join-group"]:checked');
  if (S.joinInfo && S.joinInfo.allowGroupChoice && chosen && chosen.value) body.groupId = chosen.value;
  S.joining = true;
  S.joinError = '';
  store.changed();
  try {
    const joined = await api('POST', '/api/join', { body });
    const seat = { code, ...joined };
    local.set(keys.seat(code), seat);
    local.set(keys.lastCode, code);
    S.seat = seat;
    startConnection();
  } catch (e) {
    S.joinError = e instanceof ApiError && e.status === 404 ? t('join.wrongCode') : errorText(e);
  } finally {
    S.joining = false;
    store.changed();
  }
}

export function renderJoin() {
  const code = $('#join-code');
  if (document.activeElement !== code && code.value !== S.code && !isComposing(code)) code.value = S.code;
  const info = S.joinInfo;
  const about = $('#join-workshop');
  setText(about, info ? `${info.sessionTitle} · ${info.exerciseTitle}` : '');
  show(about, !!info);
  const fieldset = $('#join-groups');
  const choose = !!(info && info.allowGroupChoice);
  show(fieldset, choose);
  if (choose) {
    const options = $('#join-group-options');
    const items = [{ id: '', name: t('join.groupAuto'), members: null }, ...info.groups];
    reconcile(options, items, (g) => g.id || 'auto',
      (g) => {
        const input = h('input', { type: 'radio', name: 'join-group', value: g.id, id: `join-group-${g.id || 'auto'}`,
          testid: `join-group-${g.id || 'auto'}` });
        if (!g.id) input.checked = true;
        return h('div', { class: 'radio' }, input, h('label', { attrs: { for: input.id } }));
      },
      (el, g) => setText(el.querySelector('label'), g.members === null ? g.name : `${g.name} · ${t('join.members', { n: g.members })}`));
  }
  const error = $('#join-error');
  setText(error, S.joinError);
  show(error, !!S.joinError);
  const button = $('#join-submit');
  button.disabled = S.joining;
  setText(button, S.joining ? t('join.joining') : t('join.submit'));
}
