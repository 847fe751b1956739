// The instructor app: log in, create or pick a workshop, then run it from a live grid of
// groups with the session's content beside it. One store; render() draws from it.
// The views: dashboard-home.js (login and the workshops), dashboard-workshop.js (one live
// workshop), dashboard-groups.js (a group's tile and dialog); the state: dashboard-store.js.
import { h, $, replace, show, setText } from './lib/dom.js';
import { t, initI18n, wireLangToggle, onLangChange } from './lib/i18n.js';
import { store, S, parseRoute, logout } from './dashboard-store.js';
import { wireLogin, wireHome, loadHome, renderHome } from './dashboard-home.js';
import { openWorkshop, closeWorkshop, wireWorkshop, renderWorkshop, tick } from './dashboard-workshop.js';
import { forgetTiles, forgetDialog } from './dashboard-groups.js';

// ==================================================================== boot and routing

function boot() {
  initI18n();
  wireLangToggle($('#lang'));
  onLangChange(() => { forgetTiles(); forgetDialog(); render(); });
  store.addEventListener('change', render);
  window.addEventListener('hashchange', () => { S.route = parseRoute(); enterRoute(); });
  wireLogin(enterRoute);
  wireHome();
  wireWorkshop();
  $('#notice-close').addEventListener('click', () => { S.notice = ''; store.changed(); });
  $('#logout').addEventListener('click', () => logout(''));
  setInterval(tick, 500);
  enterRoute();
}

function enterRoute() {
  if (!S.token) {
    store.changed();
    return;
  }
  if (S.route.name === 'workshop') {
    if (!S.live || S.live.id !== S.route.id) openWorkshop(S.route.id);
  } else {
    closeWorkshop();
    loadHome();
  }
  store.changed();
}

// ==================================================================== render

function render() {
  const view = !S.token ? 'login' : S.route.name === 'workshop' ? 'workshop' : 'home';
  show($('#view-login'), view === 'login');
  show($('#view-home'), view === 'home');
  show($('#view-workshop'), view === 'workshop');
  show($('#nav-home'), view === 'workshop');
  show($('#logout'), view !== 'login');
  setText($('#notice-text'), S.notice);
  show($('#notice'), !!S.notice);
  $('#notice').className = `banner ${S.noticeKind || 'error'}`;
  $('#notice').setAttribute('role', S.noticeKind === 'error' ? 'alert' : 'status');
  const loginError = $('#login-error');
  setText(loginError, S.loginError);
  show(loginError, !!S.loginError);
  renderStatus();
  if (view === 'login') document.title = t('ins.loginTitle');
  if (view === 'home') renderHome();
  if (view === 'workshop') renderWorkshop();
  tick();
}

function renderStatus() {
  const el = $('#conn');
  const live = S.live;
  show(el, !!live);
  if (!live) return;
  el.dataset.state = live.status;
  const icons = { online: '●', connecting: '◌', reconnecting: '↻', offline: '✕', closed: '✕' };
  const pending = live.pendingCount();
  replace(el, h('span', { class: 'conn-icon', attrs: { 'aria-hidden': 'true' } }, icons[live.status] || ''),
    t(`conn.${live.status}`), pending ? ` · ${t('conn.pending', { n: pending })}` : '');
}

boot();
