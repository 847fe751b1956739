// The dashboard's login and home: the list of workshops (open, projector, export, delete) and
// the form that creates one.
import { h, $, $$, reconcile, replace, setText, show } from './lib/dom.js';
import { t, formatDateTime } from './lib/i18n.js';
import { api, ApiError } from './lib/api.js';
import { instructorToken } from './lib/workshop-live.js';
import { local } from './lib/storage.js';
import { store, S, logout, call, showNotice, confirmed } from './dashboard-store.js';

// ==================================================================== login
export function wireLogin(onLogin) {
  $('#login-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const password = $('#login-password').value;
    if (!password) {
      S.loginError = t('ins.needPassword');
      store.changed();
      return;
    }
    try {
      const { token } = await api('POST', '/api/instructor/login', { body: { password } });
      instructorToken.set(token);
      S.token = token;
      S.loginError = '';
      $('#login-password').value = '';
      onLogin();
    } catch (err) {
      S.loginError = err instanceof ApiError && err.status === 401 ? t('ins.wrongPassword') : err.localized();
      store.changed();
    }
  });
}

// ==================================================================== home

export function wireHome() {
  for (const radio of $$('input[name="group-mode"]')) radio.addEventListener('change', () => store.changed());
  $('#create-start').addEventListener('change', () => store.changed());
  $('#create-session').addEventListener('change', () => store.changed());
  $('#create-form').addEventListener('submit', (e) => {
    e.preventDefault();
    createWorkshop();
  });
}

export async function loadHome() {
  try {
    const [sessions, workshops] = await Promise.all([
      S.sessions ? Promise.resolve(S.sessions) : call('GET', '/api/sessions'),
      call('GET', '/api/workshops'),
    ]);
    S.sessions = sessions;
    S.workshops = workshops.sort((a, b) => b.createdAt - a.createdAt);
  } catch (e) {
    if (S.token) showNotice(e.localized ? e.localized() : t('error.generic'));
  }
  store.changed();
}

function numberField(id) {
  const raw = $(id).value.trim();
  if (!raw) return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? Math.round(n) : NaN;
}

/** Minutes as the instructor types them (decimals allowed), as whole seconds for the server. */
function minutesField(id) {
  const raw = $(id).value.trim();
  if (!raw) return undefined;
  const n = Number(raw.replace(',', '.'));
  return Number.isFinite(n) && n > 0 ? Math.max(1, Math.round(n * 60)) : NaN;
}

/** Pre-fills the minutes from the chosen session's phases (5 and 2 for Session 7), once per session. */
let prefilledFor = null;
function prefillMinutes(session) {
  if (!session || !session.exercise || prefilledFor === session.id) return;
  prefilledFor = session.id;
  const phases = session.exercise.phases || [];
  const minutes = (kind) => phases.filter((p) => p.kind === kind).reduce((n, p) => n + p.minutes, 0);
  if (minutes('discussion')) $('#create-discussion').value = String(minutes('discussion'));
  if (minutes('presentation')) $('#create-presentation').value = String(minutes('presentation'));
}

async function createWorkshop() {
  if (S.creating) return;
  const body = { sessionId: $('#create-session').value };
  const bySize = $('#mode-size').checked;
  const fields = bySize
    ? { groupSize: numberField('#create-size'), students: numberField('#create-students') }
    : { groups: numberField('#create-groups') };
  Object.assign(fields, {
    discussionSeconds: minutesField('#create-discussion'),
    presentationSeconds: minutesField('#create-presentation'),
    warningSeconds: numberField('#create-warning'),
    graceSeconds: numberField('#create-grace'),
  });
  for (const [key, value] of Object.entries(fields)) {
    if (Number.isNaN(value)) {
      S.createError = t('ins.badNumber', { field: key });
      store.changed();
      return;
    }
    if (value !== undefined) body[key] = value;
  }
  const names = $('#create-names').value.split(/[\n,]/).map((s) => s.trim()).filter(Boolean);
  if (names.length) body.groupNames = names;
  body.allowGroupChoice = $('#create-choice').checked;
  const name = $('#create-name').value.trim();
  if (name) body.name = name;
  // Exports show times in the class's own zone: the one this browser is in.
  try { body.timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch { /* the server's zone then */ }
  const countdown = $('#create-start').value === 'countdown';
  const prep = numberField('#create-prep');
  body.presentation = {
    start: countdown ? 'countdown' : 'instructor',
    prepSeconds: countdown && Number.isFinite(prep) ? prep : 0,
    pacing: $('#create-pacing').value,
    presenterAdvances: $('#create-presenter-advances').checked,
    lateGroups: $('#create-late').value,
  };
  S.creating = true;
  S.createError = '';
  store.changed();
  try {
    const created = await call('POST', '/api/workshops', body);
    // The server builds the join URL from its public address; keep it for the projector.
    local.set(`breakout.joinUrl.${created.id}`, created.joinUrl);
    location.hash = `#/w/${created.id}`;
  } catch (e) {
    S.createError = e.localized ? e.localized() : t('error.generic');
  } finally {
    S.creating = false;
    store.changed();
  }
}

export async function exportWorkshop(id, format) {
  // A plain link cannot carry the Authorization header: fetch, then save the Blob.
  try {
    const response = await fetch(`/api/workshops/${encodeURIComponent(id)}/export?format=${format}`, {
      headers: { authorization: `Bearer ${S.token}` }, cache: 'no-store',
    });
    if (response.status === 401) { logout(t('ins.expired')); return; }
    if (!response.ok) {
      showNotice(response.status === 404 ? t('ins.exportMissing') : t('ins.exportFailed', { status: response.status }));
      return;
    }
    const blob = await response.blob();
    const disposition = response.headers.get('content-disposition') || '';
    const named = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
    const a = h('a', { href: URL.createObjectURL(blob), download: named ? decodeURIComponent(named[1]) : `workshop-${id}.${format}` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  } catch {
    showNotice(t('error.network'));
  }
}

export async function deleteWorkshop(id) {
  if (!confirmed(`delete:${id}`)) return;
  try {
    await call('DELETE', `/api/workshops/${encodeURIComponent(id)}`);
    local.remove(`breakout.joinUrl.${id}`);
    if (S.live && S.live.id === id) location.hash = '#/';
    else loadHome();
    showNotice(t('ins.deleted'), 'info');
  } catch (e) {
    showNotice(e.localized ? e.localized() : t('error.generic'));
  }
}

export function openProjector(id) {
  // Not noopener: the projector tab inherits this tab's sessionStorage, and with it the login.
  window.open(`/projector.html?workshop=${encodeURIComponent(id)}`, `projector-${id}`);
}

export function renderHome() {
  document.title = t('ins.brand');
  const select = $('#create-session');
  if (S.sessions && select.options.length !== S.sessions.length) {
    replace(select, ...S.sessions.map((s) => h('option', { value: s.id },
      `${s.title} (W${s.position.week} D${s.position.day} S${s.position.session})`)));
  }
  const chosen = S.sessions ? S.sessions.find((s) => s.id === select.value) : null;
  prefillMinutes(chosen);
  show($('#field-prep'), $('#create-start').value === 'countdown');
  setText($('#create-session-info'), chosen && chosen.exercise
    ? t('ins.sessionInfo', { title: chosen.exercise.title, n: chosen.exercise.minutes ?? '?' })
    : (chosen ? t('ins.noExercise') : ''));
  const bySize = $('#mode-size').checked;
  show($('#field-groups'), !bySize);
  show($('#field-size'), bySize);
  show($('#field-students'), bySize);
  const createError = $('#create-error');
  setText(createError, S.createError);
  show(createError, !!S.createError);
  $('[data-testid="create-submit"]').disabled = S.creating || !S.sessions;

  const rows = S.workshops || [];
  show($('#list-empty'), S.workshops !== null && rows.length === 0);
  reconcile($('#workshop-rows'), rows, (w) => w.id,
    (w) => h('tr', { testid: 'workshop-row', dataset: { workshopId: w.id } },
      h('td', { class: 'c-created' }), h('td', { class: 'c-session' }), h('td', { class: 'c-code' }),
      h('td', { class: 'c-phase' }), h('td', { class: 'c-people' }),
      h('td', {}, h('div', { class: 'row-actions' },
        h('a', { class: 'button small primary', href: `#/w/${w.id}`, testid: 'workshop-open' }),
        h('button', { type: 'button', class: 'small', testid: 'workshop-projector', onclick: () => openProjector(w.id) }),
        ...['md', 'csv', 'json'].map((f) => h('button', { type: 'button', class: 'small', testid: `workshop-export-${f}`,
          onclick: () => exportWorkshop(w.id, f) }, f.toUpperCase())),
        h('button', { type: 'button', class: 'small', testid: 'workshop-delete', onclick: () => deleteWorkshop(w.id) })))),
    (row, w) => {
      setText(row.querySelector('.c-created'), formatDateTime(w.createdAt));
      setText(row.querySelector('.c-session'), w.name ? `${w.name} — ${w.sessionTitle} · ${w.exerciseTitle}` : `${w.sessionTitle} · ${w.exerciseTitle}`);
      setText(row.querySelector('.c-code'), w.joinCode);
      setText(row.querySelector('.c-phase'), w.phase === 'lobby' ? t('phase.lobby') : w.phase === 'ended' ? t('phase.ended') : t('ins.running'));
      setText(row.querySelector('.c-people'), `${w.groups} / ${w.students}`);
      setText(row.querySelector('[data-testid="workshop-open"]'), t('ins.open'));
      setText(row.querySelector('[data-testid="workshop-projector"]'), t('ins.projectorShort'));
      const del = row.querySelector('[data-testid="workshop-delete"]');
      const armed = S.confirm === `delete:${w.id}`;
      setText(del, armed ? t('ins.deleteConfirm') : t('ins.delete'));
      del.classList.toggle('danger', armed);
    });
}
