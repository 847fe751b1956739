// The lobby and the group's room: the scenario, the members, one tab and column per prompt with
// its composer (drafts kept per prompt), the presenting group's board, help and submit.
import { h, $, reconcile, replace, setText, show } from './lib/dom.js';
import { t } from './lib/i18n.js';
import { renderBoard } from './lib/board-view.js';
import { renderGallery } from './lib/reactions-view.js';
import { isImeEnter } from './lib/ime.js';
import { local, session } from './lib/storage.js';
import { promptShort } from './lib/prompt-label.js';
import { store, S, page, keys, send, reactTo, addCard, viewBoard, viewSubmitted, viewHelp, currentClockView } from './student-store.js';
import { forgetSeat } from './student-connection.js';
import { renderColumn } from './student-cards.js';
import { renderBanners } from './student-banners.js';

let builtFor = null;

export function renderLobby() {
  setText($('#lobby-title'), S.workshop.exerciseTitle || '');
  setText($('#lobby-session'), S.workshop.sessionTitle || '');
  setText($('#lobby-group'), t('lobby.yourGroup', { group: S.group.name }));
  $('#lobby-group').dataset.groupId = S.group.groupId;
  setText($('#lobby-name'), t('lobby.youAre', { name: S.seat.name }));
  renderMembers($('#lobby-members'));
  renderScenario($('#lobby-scenario'), $('#lobby-conditions'));
}

function renderMembers(list) {
  const members = S.group.members || [];
  reconcile(list, members, (m) => m.studentId,
    () => h('li', { class: 'member', testid: 'member' },
      h('span', { class: 'presence', attrs: { 'aria-hidden': 'true' } }),
      h('span', { class: 'member-name' }),
      h('span', { class: 'presence-text' })),
    (el, m) => {
      // Without our own connection we do not know who else is here: say so rather than guess.
      const known = S.status === 'online';
      const online = known && S.online.has(m.studentId);
      el.dataset.online = known ? String(online) : 'unknown';
      setText(el.querySelector('.presence'), !known ? '◌' : online ? '●' : '○');
      const me = m.studentId === S.seat.studentId;
      setText(el.querySelector('.member-name'), me ? `${m.name} ${t('members.me')}` : m.name);
      setText(el.querySelector('.presence-text'), !known ? t('members.unknown') : online ? t('members.online') : t('members.offline'));
    });
}

function renderScenario(scenarioEl, conditionsEl) {
  setText(scenarioEl, S.workshop.scenario || '');
  const conditions = S.workshop.conditions || [];
  reconcile(conditionsEl, conditions.map((c, i) => ({ c, i })), (x) => `${x.i}:${x.c}`,
    () => h('li'), (el, x) => setText(el, x.c));
}

// ------------------------------------------------------------------ the room

export function wireRoom() {
  $('#help').addEventListener('click', () => {
    if (!viewHelp()) send({ type: 'help.request' });
  });
  $('#submit').addEventListener('click', () => send({ type: 'group.submit', submitted: !viewSubmitted() }));
  // Where the workshop allows it, the presenting group moves the class on to the next group.
  $('#presenter-next').addEventListener('click', () => {
    const c = S.group && S.group.clock;
    if (c && c.slot && c.slot.groupId === S.group.groupId) send({ type: 'presentation.next', from: c.slot.groupId });
  });
  $('#notice-close').addEventListener('click', () => { S.ui.notice = ''; store.changed(); });
  $('#leave').addEventListener('click', () => {
    // The seat stays on the server (the instructor's record); this device just stops returning to it.
    local.remove(keys.lastCode);
    S.code = '';
    forgetSeat('');
  });
}

function buildColumns() {
  const tabs = $('#tabs');
  const columns = $('#columns');
  replace(tabs);
  replace(columns);
  const drafts = local.get(keys.drafts(S.seat), {});
  const prompts = S.workshop.prompts;
  if (!prompts.some((p) => p.id === S.ui.activeTab)) S.ui.activeTab = prompts.length ? prompts[0].id : null;
  for (const prompt of prompts) {
    const steps = prompt.kind === 'steps';
    const tab = h('button', { type: 'button', class: 'tab', id: `tab-${prompt.id}`, testid: `tab-${prompt.id}`,
      attrs: { role: 'tab', 'aria-controls': `col-${prompt.id}` },
      onclick: () => selectTab(prompt.id) },
    h('span', { class: 'tab-text' }), h('span', { class: 'tab-count' }));
    tab.addEventListener('keydown', (e) => tabKeys(e, prompt.id));
    tabs.append(tab);

    const input = h('textarea', { id: `card-input-${prompt.id}`, testid: `card-input-${prompt.id}`, rows: 2,
      maxLength: 500, attrs: { 'aria-describedby': `add-hint-${prompt.id}`, enterkeyhint: 'done' } });
    input.value = drafts[prompt.id] || '';
    const labelInput = steps ? h('input', { id: `card-label-${prompt.id}`, testid: `card-label-input-${prompt.id}`,
      maxLength: 60, attrs: { list: 'label-suggestions', autocomplete: 'off' } }) : null;
    if (labelInput) labelInput.value = drafts[`${prompt.id}:label`] || '';
    const form = h('form', { class: 'add-card', novalidate: true },
      h('label', { class: 'add-label', attrs: { for: input.id } }),
      input,
      labelInput ? h('label', { class: 'add-label small', attrs: { for: labelInput.id } }) : null,
      labelInput,
      h('p', { class: 'hint', id: `add-hint-${prompt.id}` }),
      h('button', { type: 'submit', class: 'primary', testid: `card-add-${prompt.id}` }));
    const submit = (e) => {
      e.preventDefault();
      const text = input.value.trim();
      if (!text) { input.focus(); return; }
      addCard(prompt.id, text, labelInput ? labelInput.value.trim() : '');
      input.value = '';
      saveDraft(prompt.id, '');
      // Keep the label: the next step is usually in the same phase of the roadmap.
      input.focus();
    };
    form.addEventListener('submit', submit);
    input.addEventListener('keydown', (e) => {
      // Enter adds the card, Shift+Enter makes a new line; Enter that commits a Hangul syllable does neither.
      if (e.key === 'Enter' && !e.shiftKey && !isImeEnter(e)) submit(e);
    });
    input.addEventListener('input', () => saveDraft(prompt.id, input.value));
    if (labelInput) labelInput.addEventListener('input', () => saveDraft(`${prompt.id}:label`, labelInput.value));

    const column = h('section', { class: `column${steps ? ' steps' : ''}`, id: `col-${prompt.id}`, testid: `prompt-${prompt.id}`,
      dataset: { prompt: prompt.id }, attrs: { role: 'tabpanel', 'aria-labelledby': `col-title-${prompt.id}` } },
    h('h2', { class: 'column-title', id: `col-title-${prompt.id}` }, prompt.text),
    steps ? h('p', { class: 'hint steps-hint' }) : null,
    h(steps ? 'ol' : 'ul', { class: 'cards', testid: `cards-${prompt.id}` }),
    form);
    columns.append(column);
  }
  builtFor = S.workshop.id;
}

function saveDraft(key, value) {
  const drafts = local.get(keys.drafts(S.seat), {});
  if (value) drafts[key] = value;
  else delete drafts[key];
  local.set(keys.drafts(S.seat), drafts);
}

function selectTab(promptId) {
  S.ui.activeTab = promptId;
  session.set('breakout.tab', promptId);
  store.changed();
}

function tabKeys(e, promptId) {
  const ids = S.workshop.prompts.map((p) => p.id);
  const at = ids.indexOf(promptId);
  let next = null;
  if (e.key === 'ArrowRight') next = ids[(at + 1) % ids.length];
  if (e.key === 'ArrowLeft') next = ids[(at - 1 + ids.length) % ids.length];
  if (e.key === 'Home') next = ids[0];
  if (e.key === 'End') next = ids[ids.length - 1];
  if (next) {
    e.preventDefault();
    selectTab(next);
    requestAnimationFrame(() => $(`#tab-${next}`).focus());
  }
}

export function renderRoom() {
  if (builtFor !== S.workshop.id) buildColumns();
  const view = currentClockView();
  page.lastWriting = view.writing;
  const writable = view.writing !== 'closed';
  const ended = S.group.clock.kind === 'ended';

  setText($('#room-group'), S.group.name);
  $('#room-group').dataset.groupId = S.group.groupId;
  setText($('#room-title'), S.workshop.exerciseTitle || '');
  renderScenario($('#scenario'), $('#conditions'));
  renderBanners(view);

  // The presenting group's answers, from the spotlight event in our own log.
  const spot = S.group.spotlight;
  const presenting = S.group.clock.kind === 'presentation' && spot;
  show($('#spotlight'), !!presenting);
  if (presenting) {
    const mine = spot.groupId === S.group.groupId;
    setText($('#spotlight-title'), mine ? t('spotlight.yours') : t('spotlight.now', { group: spot.groupName }));
    $('#spotlight').dataset.groupId = spot.groupId;
    renderBoard($('#spotlight-board'), S.workshop.prompts, spot.board, { testidPrefix: 'spotlight', extra: mine ? null : reactTo });
  }
  const c = S.group.clock;
  const canAdvance = !!(S.workshop.presentation && S.workshop.presentation.presenterAdvances);
  show($('#presenter-next'), !!presenting && canAdvance && c.stage === 'presenting'
    && !!c.slot && c.slot.groupId === S.group.groupId);
  renderGallery($('#spotlight'), S.workshop.prompts, S.group, reactTo);

  const feedback = S.group.feedback || [];
  show($('#feedback'), feedback.length > 0);
  reconcile($('#feedback-list'), feedback, (f) => `${f.at}:${f.text.length}`,
    () => h('li', { class: 'feedback-item', testid: 'feedback-item' }), (el, f) => setText(el, f.text));
  $('#room-main').classList.toggle('ended', ended);
  show($('#leave'), ended);

  // Tabs and columns.
  const board = viewBoard();
  for (const prompt of S.workshop.prompts) {
    const active = prompt.id === S.ui.activeTab;
    const tab = $(`#tab-${prompt.id}`);
    // A short label fits a 360 px phone; the full prompt heads the column and describes the tab.
    setText(tab.querySelector('.tab-text'), promptShort(prompt));
    setText(tab.querySelector('.tab-count'), ` ${board[prompt.id].length}`);
    tab.setAttribute('aria-describedby', `col-title-${prompt.id}`);
    tab.setAttribute('aria-selected', String(active));
    tab.tabIndex = active ? 0 : -1;
    const column = $(`#col-${prompt.id}`);
    column.dataset.active = String(active);
    renderColumn(column, prompt, board[prompt.id], writable);
  }

  renderMembers($('#members'));
  const help = viewHelp();
  const helpButton = $('#help');
  setText(helpButton, help ? t('room.helpRequested') : t('room.help'));
  helpButton.setAttribute('aria-pressed', String(help));
  helpButton.disabled = help || ended;
  const submitted = viewSubmitted();
  const submitButton = $('#submit');
  setText(submitButton, submitted ? t('room.unsubmit') : t('room.submit'));
  submitButton.setAttribute('aria-pressed', String(submitted));
  submitButton.disabled = !writable;
  setText($('#submit-state'), submitted ? t('room.submittedState') : t('room.notSubmittedState'));
  $('#submit-state').dataset.submitted = String(submitted);

  if (S.ui.refocus) {
    const { cardId, role } = S.ui.refocus;
    S.ui.refocus = null;
    const selector = role === 'first-action' ? '> .card-actions button:not(:disabled)' : `[data-role="${role}"]`;
    const target = document.querySelector(`.card[data-card-id="${CSS.escape(cardId)}"] ${selector}`);
    if (target && !target.disabled) target.focus();
    else {
      const card = document.querySelector(`.card[data-card-id="${CSS.escape(cardId)}"]`);
      if (card) card.focus();
    }
  }
}
