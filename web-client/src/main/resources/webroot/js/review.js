// The review page: every workshop this server keeps (date in the server's time zone, session,
// groups, students), and one workshop read-only: the analytics, the most-reacted cards, a replay of
// any group, and each group's board with its feedback and reactions. Works for live workshops too.
import { h, $, replace, setText, show } from './lib/dom.js';
import { t, initI18n, wireLangToggle, onLangChange, getLang } from './lib/i18n.js';
import { api, ApiError } from './lib/api.js';
import { formatMs } from './lib/clock.js';
import { renderBoard } from './lib/board-view.js';
import { countsBadge } from './lib/reactions-view.js';
import { instructorToken } from './lib/workshop-live.js';
import { mountReplay } from './replay-view.js';
import { Store } from './lib/store.js';

/** The page's one store (js/lib/store.js). */
const store = new Store({ token: instructorToken.get(), list: null, record: null, replayGroup: null, replay: null });
const S = store.state;
store.addEventListener('change', () => render());

function route() {
  const m = /^#\/w\/([A-Za-z0-9_-]+)(?:\/([A-Za-z0-9_-]+))?$/.exec(location.hash);
  return m ? { name: 'workshop', id: m[1], group: m[2] || null } : { name: 'list' };
}

/** A time in the server's configured zone, in the page's language. */
function zoned(ms, zone) {
  if (!ms) return '—';
  try {
    return new Intl.DateTimeFormat(getLang() === 'ko' ? 'ko-KR' : 'en-GB',
      { dateStyle: 'medium', timeStyle: 'medium', timeZone: zone || undefined }).format(new Date(ms));
  } catch {
    return new Date(ms).toISOString();
  }
}

function notice(text) {
  setText($('#notice-text'), text);
  show($('#notice'), !!text);
}

async function call(path) {
  try {
    return await api('GET', path, { token: S.token });
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      S.token = null;
      instructorToken.clear();
      store.changed();
    }
    throw e;
  }
}

async function load() {
  notice('');
  if (!S.token) {
    store.changed();
    return;
  }
  const r = route();
  try {
    if (r.name === 'list') {
      S.list = await call('/api/workshops');
      S.record = null;
    } else if (!S.record || S.record.workshop.id !== r.id) {
      S.record = null;
      store.changed();
      S.record = await call(`/api/workshops/${encodeURIComponent(r.id)}/export?format=json`);
      S.replayGroup = null;
    }
    if (r.name === 'workshop') S.replayGroup = r.group || S.replayGroup || S.record.groups[0].groupId;
  } catch (e) {
    notice(e.localized ? e.localized() : t('error.generic'));
  }
  store.changed();
}

function render() {
  const r = route();
  show($('#view-login'), !S.token);
  show($('#view-list'), !!S.token && r.name === 'list' && !!S.list);
  show($('#view-workshop'), !!S.token && r.name === 'workshop' && !!S.record);
  if (!S.token) return;
  if (r.name === 'list' && S.list) renderList();
  if (r.name === 'workshop' && S.record) renderWorkshop();
}

function renderList() {
  const rows = [...S.list].sort((a, b) => b.createdAt - a.createdAt);
  show($('#list-empty'), rows.length === 0);
  replace($('#list-rows'), ...rows.map((w) => h('tr', { testid: 'review-row', dataset: { workshopId: w.id } },
    h('td', { testid: 'review-row-date' }, zoned(w.createdAt, w.timeZone)),
    h('td', {}, `${w.sessionTitle} — ${w.exerciseTitle}`),
    h('td', { testid: 'review-row-groups' }, String(w.groups)),
    h('td', { testid: 'review-row-students' }, String(w.students)),
    h('td', {}, w.phase === 'ended' ? t('phase.ended') : w.phase === 'lobby' ? t('phase.lobby') : t('rev.live')),
    h('td', {}, h('a', { class: 'button small primary', href: `#/w/${w.id}`, testid: 'review-open' }, t('rev.open'))))));
}

function renderWorkshop() {
  const rec = S.record;
  const w = rec.workshop;
  const a = rec.analytics;
  setText($('#rev-title'), `${w.sessionTitle} — ${w.exerciseTitle}`);
  setText($('#rev-date'), `${zoned(w.createdAt, rec.timeZone)} · ${t('rev.code', { code: w.joinCode })}`);
  const promptText = (id) => {
    const i = w.prompts.findIndex((p) => p.id === id);
    return i < 0 ? id : `${i + 1}. ${w.prompts[i].text}`;
  };
  const c = a.class;
  const spread = c.firstCard;
  replace($('#rev-class'), h('ul', { class: 'class-figures' },
    h('li', { testid: 'review-participation' }, t('rev.participation', { wrote: c.students - c.silentStudents.length, students: c.students })),
    h('li', {}, t('rev.spread', { min: secs(spread.minMs), median: secs(spread.medianMs), max: secs(spread.maxMs), without: spread.without })),
    h('li', { testid: 'review-empty-prompts' }, c.mostlyEmptyPrompts.length
      ? t('rev.emptyPrompts', { prompts: c.mostlyEmptyPrompts.map(promptText).join(', ') }) : t('rev.balanced')),
    c.silentStudents.length ? h('li', {}, t('rev.silentStudents', { names: c.silentStudents.join(', ') })) : null),
  h('ul', { class: 'class-figures' }, c.prompts.map((p) => h('li', {},
    t('rev.promptBalance', { prompt: promptText(p.promptId), cards: p.cards, with: p.groupsWithCards, empty: p.emptyGroups })))));
  replace($('#an-rows'), ...a.groups.map((g) => h('tr', { testid: 'review-analytics-row', dataset: { groupId: g.groupId } },
    h('th', { attrs: { scope: 'row' } }, g.name),
    h('td', {}, secs(g.firstCardMs)),
    h('td', {}, `${g.cards} (${Object.values(g.cardsPerPrompt).join(' / ')})`),
    h('td', {}, `${g.contributors.filter((id) => g.members.some((m) => m.studentId === id)).length} / ${g.members.length}`),
    h('td', {}, g.silent.join(', ') || '—'),
    h('td', {}, `${g.edits} (${g.lateEdits})`),
    h('td', {}, g.help.length ? g.help.map((x) => (x.waitedMs === null ? t('rev.waiting') : secs(x.waitedMs))).join(', ') : '—'),
    h('td', {}, g.submittedMs === null ? '—' : secs(g.submittedMs)))));
  replace($('#rev-top'), ...(a.mostReacted.length ? a.mostReacted.slice(0, 10).map((x) => h('li', { testid: 'review-top-card' },
    `👍 ${x.agree}  💡 ${x.new} — ${x.text} (${groupName(x.groupId)}, ${x.authorName})`))
    : [h('li', { class: 'empty' }, t('rev.noReactions'))]));

  const select = $('#replay-group');
  if (select.options.length !== rec.groups.length) {
    replace(select, ...rec.groups.map((g) => h('option', { value: g.groupId }, g.name)));
    select.onchange = () => { location.hash = `#/w/${w.id}/${select.value}`; };
  }
  select.value = S.replayGroup;
  const replayBox = $('#replay');
  const key = `${w.id}|${S.replayGroup}|${getLang()}`;
  if (replayBox.dataset.key !== key) {
    if (S.replay) S.replay.destroy();
    replayBox.dataset.key = key;
    replayBox.dataset.groupId = S.replayGroup;
    const group = rec.groups.find((g) => g.groupId === S.replayGroup);
    S.replay = mountReplay(replayBox, w, group, { timeText: (ms) => zoned(ms, rec.timeZone) });
  }

  replace($('#rev-groups'), ...rec.groups.map((g) => {
    const board = h('div', { class: 'board' });
    renderBoard(board, w.prompts, g.cards, { testidPrefix: 'review', extra: (card) => countsBadge(g, card, 'review-reactions') });
    return h('article', { class: 'tile', testid: 'review-group', dataset: { groupId: g.groupId } },
      h('div', { class: 'tile-head' }, h('h2', {}, g.name)),
      h('p', { class: 'tile-meta' }, `${t('rev.members')}: ${(g.members || []).map((m) => m.name).join(', ') || '—'}`),
      board,
      h('h3', {}, t('ins.feedbackTitle')),
      (g.feedback || []).length
        ? h('ul', { testid: 'review-feedback' }, g.feedback.map((f) => h('li', {}, `${f.text} (${zoned(f.at, rec.timeZone)})`)))
        : h('p', { class: 'empty' }, '—'),
      h('a', { class: 'button small', href: `#/w/${w.id}/${g.groupId}`, testid: 'review-replay-group',
        onclick: () => setTimeout(() => $('#replay').scrollIntoView(), 0) }, `▶ ${t('rev.replay')}`));
  }));
}

function groupName(id) {
  const g = S.record.workshop.groups.find((x) => x.id === id);
  return g ? g.name : id;
}

function secs(ms) {
  return ms === null || ms === undefined ? '—' : formatMs(ms);
}

function wireLogin() {
  $('#login-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const { token } = await api('POST', '/api/instructor/login', { body: { password: $('#login-password').value } });
      S.token = token;
      instructorToken.set(token);
      $('#login-password').value = '';
      show($('#login-error'), false);
      load();
    } catch (err) {
      setText($('#login-error'), err.localized ? err.localized() : t('error.generic'));
      show($('#login-error'), true);
    }
  });
}

initI18n();
wireLangToggle($('#lang'));
onLangChange(() => { $('#replay').dataset.key = ''; render(); });
wireLogin();
// A live workshop moves on: read it again on demand (the replay keeps its group).
$('#rev-refresh').addEventListener('click', () => {
  S.record = null;
  $('#replay').dataset.key = '';
  load();
});
window.addEventListener('hashchange', load);
load();
