// One live workshop on the dashboard: opening and closing it, its controls (clock, phases,
// presentations, broadcasts, order), the grid of groups, the teaching content, and its clock.
import { h, $, $$, reconcile, setText, show } from './lib/dom.js';
import { t, onLangChange } from './lib/i18n.js';
import { errorText, warningText } from './lib/errors.js';
import { ApiError } from './lib/api.js';
import { CountdownAnnouncer, phaseTitle, clockDisplay, formatDisplay, displayNote } from './lib/clock.js';
import { renderContent } from './lib/content-view.js';
import { WorkshopLive } from './lib/workshop-live.js';
import { local } from './lib/storage.js';
import { HelpAlert } from './lib/help-alert.js';
import { TileGrid, renderTileCounts } from './dashboard-tiles.js';
import { renderSentBroadcasts } from './dashboard-broadcasts.js';
import { RemotePager } from './dashboard-projector.js';
import { loadNudgeRules, renderNudge, reviewLink } from './dashboard-insights.js';
import { SynthesisView } from './synthesis-view.js';
import { store, S, clock, logout, call, showNotice, op, confirmed } from './dashboard-store.js';
import { exportWorkshop, deleteWorkshop, openProjector } from './dashboard-home.js';
import { openGroup, wireGroupDialog, createTile, updateTile, tileMeta, renderDialog, forgetTiles } from './dashboard-groups.js';

const announcer = new CountdownAnnouncer($('#announcer'));
let tileGrid = null;
let helpAlert = null;
let remotePager = null;
let contentFor = null;

export async function openWorkshop(id) {
  closeWorkshop();
  const live = new WorkshopLive(id, S.token, clock);
  S.live = live;
  S.orderDraft = null;
  live.addEventListener('change', () => store.changed());
  live.addEventListener('rejected', (e) => {
    const { message } = e.detail;
    showNotice(`${t('ins.refused')} ${errorText(message)}`);
  });
  live.addEventListener('ack', (e) => {
    const warnings = e.detail.message.warnings;
    if (warnings && warnings.length) showNotice(`${t('ins.warningAck')} ${warnings.map(warningText).join(' ')}`, 'warning');
  });
  live.addEventListener('unauthorized', () => logout(t('ins.expired')));
  live.addEventListener('gone', () => { showNotice(t('ins.gone')); location.hash = '#/'; });
  try {
    await live.start();
  } catch (e) {
    if (S.live !== live) return;
    S.live = null;
    if (e instanceof ApiError && e.status === 401) logout(t('ins.expired'));
    else {
      showNotice(e instanceof ApiError && e.status === 404 ? t('ins.gone') : (e.localized ? e.localized() : t('error.generic')));
      location.hash = '#/';
    }
    return;
  }
  loadSession(live.workshop.sessionId);
  loadNudgeRules(id, S.token);
  synthesisView = new SynthesisView($('#synthesis-panel'), live, op);
  store.changed();
}

let synthesisView = null;

export function closeWorkshop() {
  if (synthesisView) synthesisView.stop();
  synthesisView = null;
  if (S.live) S.live.stop();
  S.live = null;
  S.openGroup = null;
  const dialog = $('#group-dialog');
  if (dialog.open) dialog.close();
  forgetTiles();
}

async function loadSession(sessionId) {
  if (S.sessionDetails.has(sessionId)) return;
  S.sessionDetails.set(sessionId, null);
  try {
    S.sessionDetails.set(sessionId, await call('GET', `/api/sessions/${encodeURIComponent(sessionId)}`));
  } catch {
    S.sessionDetails.delete(sessionId);
  }
  contentFor = null;
  store.changed();
}

export function wireWorkshop() {
  tileGrid = new TileGrid($('#grid'), $('#tile-sort'), $('#tile-density'), () => store.changed());
  helpAlert = new HelpAlert($('#help-alert'), $('#help-sound'), {
    open: (groupId) => openGroup(groupId),
    clear: (groupId) => op({ type: 'help.clear', groupId }),
  });
  wireContentPanel();
  remotePager = new RemotePager();
  $('#start').addEventListener('click', () => op({ type: 'exercise.start' }));
  $('#pause').addEventListener('click', () => op({ type: 'clock.pause' }));
  $('#resume').addEventListener('click', () => op({ type: 'clock.resume' }));
  $('#plus').addEventListener('click', () => op({ type: 'clock.adjust', seconds: 60 }));
  $('#minus').addEventListener('click', () => op({ type: 'clock.adjust', seconds: -60 }));
  $('#next').addEventListener('click', () => { if (confirmed('next')) op({ type: 'phase.next' }); });
  $('#start-presentations').addEventListener('click', () => op({ type: 'presentation.start' }));
  // "from" names the group seen presenting, so a double press moves on once.
  $('#next-presenter').addEventListener('click', () => {
    const c = S.live && S.live.commonClock;
    if (c && c.slot) op({ type: 'presentation.next', from: c.slot.groupId });
  });
  $('#end').addEventListener('click', () => { if (confirmed('end')) op({ type: 'workshop.end' }); });
  $('#broadcast-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const input = $('#broadcast-input');
    const text = input.value.trim();
    if (!text) return;
    op({ type: 'broadcast', text });
    input.value = '';
  });
  $('#open-projector').addEventListener('click', () => S.live && openProjector(S.live.id));
  for (const b of $$('[data-export]')) b.addEventListener('click', () => S.live && exportWorkshop(S.live.id, b.dataset.export));
  $('#delete-workshop').addEventListener('click', () => S.live && deleteWorkshop(S.live.id));
  $('#order-save').addEventListener('click', () => {
    if (!S.orderDraft) return;
    op({ type: 'presentation.order', groupIds: S.orderDraft });
    S.orderDraft = null;
  });
  wireGroupDialog();
  store.addEventListener('logout', closeWorkshop);
}

/** The teaching content: beside the grid, wide over it (talking points for presentations), or folded. */
function wireContentPanel() {
  const layout = $('.ws-layout');
  const setMode = (mode) => {
    layout.dataset.content = mode;
    local.set('breakout.contentMode', mode === 'wide' ? 'side' : mode);
    $('#content-wide').setAttribute('aria-pressed', String(mode === 'wide'));
    $('#content-hide').setAttribute('aria-pressed', String(mode === 'hidden'));
    setText($('#content-wide'), mode === 'wide' ? t('ins.contentNarrow') : t('ins.contentWide'));
    setText($('#content-hide'), mode === 'hidden' ? t('ins.contentShow') : t('ins.contentHide'));
  };
  $('#content-wide').addEventListener('click', () => setMode(layout.dataset.content === 'wide' ? 'side' : 'wide'));
  $('#content-hide').addEventListener('click', () => setMode(layout.dataset.content === 'hidden' ? 'side' : 'hidden'));
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && layout.dataset.content === 'wide' && !$('#group-dialog').open) setMode('side');
  });
  onLangChange(() => setMode(layout.dataset.content || 'side'));
  setMode(local.get('breakout.contentMode', 'side'));
}

export function renderWorkshop() {
  const live = S.live;
  if (!live || !live.workshop) {
    setText($('#ws-title'), t('loading.text'));
    return;
  }
  const w = live.workshop;
  document.title = `${t('ins.brand')} · ${w.name || w.exerciseTitle}`;
  setText($('#ws-title'), w.name ? `${w.name} — ${w.sessionTitle} · ${w.exerciseTitle}` : `${w.sessionTitle} · ${w.exerciseTitle}`);
  setText($('#ws-code'), w.joinCode);
  reviewLink(live.id);
  const c = live.commonClock || { kind: 'lobby' };
  const running = c.kind !== 'lobby' && c.kind !== 'ended';
  $('#start').disabled = c.kind !== 'lobby';
  show($('#pause'), !c.paused);
  show($('#resume'), !!c.paused);
  $('#pause').disabled = !running;
  $('#resume').disabled = !running;
  $('#plus').disabled = !running;
  $('#minus').disabled = !running;
  $('#next').disabled = !running;
  setText($('#next'), S.confirm === 'next' ? t('ins.nextConfirm') : t('ins.next'));
  $('#next').classList.toggle('danger', S.confirm === 'next');
  const stage = c.kind === 'presentation' ? (c.stage || (c.slot ? 'presenting' : 'ready')) : null;
  // Before the first presenter there is no common time to move (protocol 3.5).
  const noCommonTime = stage === 'ready' || (stage === 'waiting' && !c.slot);
  $('#plus').disabled = !running || noCommonTime;
  $('#minus').disabled = !running || noCommonTime;
  show($('#start-presentations'), stage === 'ready' || stage === 'countdown');
  show($('#next-presenter'), stage === 'presenting' && !!c.slot);
  if (c.slot) setText($('#next-presenter'), c.slot.index + 1 >= c.slot.count ? t('flow.lastPresenter') : t('flow.nextPresenter'));
  $('#end').disabled = c.kind === 'ended';
  setText($('#end'), S.confirm === 'end' ? t('ins.endConfirm') : t('ins.end'));
  $('#end').classList.toggle('danger', S.confirm === 'end');
  const armed = S.confirm === `delete:${live.id}`;
  setText($('#delete-workshop'), armed ? t('ins.deleteConfirm') : t('ins.delete'));
  $('#delete-workshop').classList.toggle('danger', armed);

  const groups = live.groupList();
  const students = live.students.size;
  const online = [...live.presence.values()].reduce((n, set) => n + set.size, 0);
  const help = groups.filter((g) => g.help).length;
  const submitted = groups.filter((g) => g.submitted).length;
  setText($('#ws-summary'), t('ins.summary', { groups: groups.length, students, online, submitted, help }));

  reconcile($('#grid'), tileGrid.arrange(groups), (g) => g.groupId, createTile, (el, g) => updateTile(el, g, live, c));
  helpAlert.render(groups, clock.now(), document.title);
  remotePager.follow(live.id);
  renderSentBroadcasts($('#sent-broadcasts-panel'), groups, c, clock.now(),
    (sentAt) => op({ type: 'broadcast.withdraw', sentAt }));
  renderOrder(live, c);

  const session = S.sessionDetails.get(w.sessionId);
  const contentKey = `${w.sessionId}|${session ? 'loaded' : 'loading'}|${document.documentElement.lang}`;
  if (contentFor !== contentKey) {
    contentFor = contentKey;
    renderContent($('#content-body'), session);
  }
  renderDialog(live, c);
}

function renderOrder(live, c) {
  const serverOrder = c.order && c.order.length ? c.order
    : live.groupList().filter((g) => (g.members || []).length).map((g) => g.groupId);
  const order = S.orderDraft || serverOrder;
  const names = new Map(live.groupList().map((g) => [g.groupId, g.name]));
  const missing = live.groupList().map((g) => g.groupId).filter((id) => !order.includes(id));
  const items = [...order.map((id) => ({ id, inOrder: true })), ...missing.map((id) => ({ id, inOrder: false }))];
  const edit = (fn) => {
    const draft = [...(S.orderDraft || serverOrder)];
    fn(draft);
    S.orderDraft = draft;
    store.changed();
  };
  reconcile($('#order-list'), items, (x) => `${x.id}`,
    (x) => h('li', { testid: 'order-item', dataset: { groupId: x.id } }, h('span'),
      h('button', { type: 'button', class: 'small icon', dataset: { role: 'up' } }, '↑'),
      h('button', { type: 'button', class: 'small icon', dataset: { role: 'down' } }, '↓'),
      h('button', { type: 'button', class: 'small', dataset: { role: 'toggle' } })),
    (li, x) => {
      const index = order.indexOf(x.id);
      const name = names.get(x.id) || x.id;
      setText(li.querySelector('span'), x.inOrder ? `${index + 1}. ${name}` : `– ${name} (${t('ins.notInOrder')})`);
      const up = li.querySelector('[data-role="up"]');
      const down = li.querySelector('[data-role="down"]');
      const toggle = li.querySelector('[data-role="toggle"]');
      up.disabled = !x.inOrder || index === 0;
      down.disabled = !x.inOrder || index === order.length - 1;
      up.setAttribute('aria-label', t('ins.orderUp', { group: name }));
      down.setAttribute('aria-label', t('ins.orderDown', { group: name }));
      setText(toggle, x.inOrder ? t('ins.orderRemove') : t('ins.orderAdd'));
      up.onclick = () => edit((d) => { const i = d.indexOf(x.id); d.splice(i, 1); d.splice(i - 1, 0, x.id); });
      down.onclick = () => edit((d) => { const i = d.indexOf(x.id); d.splice(i, 1); d.splice(i + 1, 0, x.id); });
      toggle.onclick = () => edit((d) => { const i = d.indexOf(x.id); if (i >= 0) d.splice(i, 1); else d.push(x.id); });
    });
  $('#order-save').disabled = !S.orderDraft || S.orderDraft.length === 0;
}

// ------------------------------------------------------------------ clock and "time since"

let agoTick = 0;

export function tick() {
  const live = S.live;
  if (!live || !live.workshop || S.route.name !== 'workshop') return;
  const c = live.commonClock;
  // The same model as the projector and the phones (lib/clock.js): phase, slot and time agree.
  const view = clockDisplay(c, clock.now(), { graceMs: live.workshop.graceMs });
  const shown = view.ms;
  const el = $('#ws-clock');
  setText(el, formatDisplay(view));
  el.dataset.mode = view.mode;
  el.dataset.overtime = String(view.overtime);
  el.dataset.remainingMs = shown === null ? '' : String(Math.round(shown));
  // The deadline on this device's clock (server deadline minus offset): constant between ticks,
  // so pages can be compared exactly.
  el.dataset.endsLocal = shown === null ? '' : String(Math.round(Date.now() + (view.overtime ? -shown : shown)));
  setText($('#ws-phase'), phaseTitle(live.workshop, c));
  const groupName = (id) => { const g = live.groups.get(id); return g ? g.name : id; };
  setText($('#ws-clock-note'), displayNote(view, groupName));
  el.parentElement.dataset.paused = String(!!view.paused);
  announcer.update(c ? `${c.phase}:${view.mode}:${view.slot ? view.slot.index : ''}` : 'lobby', view.overtime ? null : shown, view.paused);
  // "Last activity" moves with time, not with events: refresh it every other tick.
  agoTick = (agoTick + 1) % 2;
  if (agoTick === 0) {
    for (const tile of $$('#grid .tile')) {
      const g = live.groups.get(tile.dataset.groupId);
      if (g) {
        setText(tile.querySelector('.tile-meta'), tileMeta(g, live));
        renderNudge(tile, g, c, clock.now());
      }
      if (g && g.help) renderTileCounts(tile.querySelector('.tile-counts'), g, live.workshop.prompts,
        (live.presence.get(g.groupId) || new Set()).size, clock.now());
    }
    helpAlert.render(live.groupList(), clock.now(), `${t('ins.brand')} · ${live.workshop.exerciseTitle}`);
    if (S.openGroup) {
      const g = live.groups.get(S.openGroup);
      if (g) setText($('#dialog-meta'), tileMeta(g, live));
    }
  }
}
