// Korean first, English on a toggle. Every visible string comes from STRINGS in both languages;
// static markup names its key in data-i18n (text), data-i18n-placeholder, data-i18n-aria-label
// or data-i18n-title, and dynamic renderers call t().
import { STRINGS } from './strings.js';
import { local } from './storage.js';

const KEY = 'breakout.lang';
const bus = new EventTarget();
let lang = local.get(KEY, null) === 'en' ? 'en' : 'ko';

export function getLang() {
  return lang;
}

export function setLang(next) {
  lang = next === 'en' ? 'en' : 'ko';
  local.set(KEY, lang);
  document.documentElement.lang = lang;
  applyStatic(document);
  bus.dispatchEvent(new Event('change'));
}

export function onLangChange(fn) {
  bus.addEventListener('change', fn);
}

/** t('room.warning', {time: '1:00'}): the string for key, {name} placeholders filled in. */
export function t(key, params) {
  let s = STRINGS[lang][key];
  if (s === undefined) s = STRINGS.ko[key];
  if (s === undefined) {
    console.warn('missing string', key);
    s = key;
  }
  if (params) s = s.replace(/\{(\w+)\}/g, (m, name) => (params[name] === undefined ? m : String(params[name])));
  return s;
}

/** Fills every element of root that names a string key. Never touches an input's value. */
export function applyStatic(root) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder);
  for (const el of root.querySelectorAll('[data-i18n-aria-label]')) el.setAttribute('aria-label', t(el.dataset.i18nAriaLabel));
  for (const el of root.querySelectorAll('[data-i18n-title]')) el.title = t(el.dataset.i18nTitle);
}

/** The language toggle button: it names the other language, in that language. */
export function wireLangToggle(button) {
  const label = () => {
    button.textContent = lang === 'ko' ? 'English' : '한국어';
    button.setAttribute('lang', lang === 'ko' ? 'en' : 'ko');
    button.setAttribute('aria-label', t('lang.switch'));
  };
  button.addEventListener('click', () => setLang(lang === 'ko' ? 'en' : 'ko'));
  onLangChange(label);
  label();
}

/** Call once per page before the first render. */
export function initI18n() {
  document.documentElement.lang = lang;
  applyStatic(document);
}

/** "3분 전" / "3 min ago" for a past epoch-ms time, measured against now (server time). */
export function ago(at, now) {
  if (!at) return t('time.never');
  const s = Math.max(0, Math.round((now - at) / 1000));
  if (s < 10) return t('time.justNow');
  if (s < 60) return t('time.secondsAgo', { n: s });
  const m = Math.floor(s / 60);
  if (m < 60) return t('time.minutesAgo', { n: m });
  return t('time.hoursAgo', { n: Math.floor(m / 60) });
}

export function formatDateTime(ms) {
  try {
    return new Date(ms).toLocaleString(lang === 'ko' ? 'ko-KR' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
  } catch {
    return new Date(ms).toISOString();
  }
}
