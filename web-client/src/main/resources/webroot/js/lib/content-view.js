// The session's teaching content beside the dashboard, from GET /api/sessions/{id}
// (docs/content-format.md). All text goes in as textContent; the diagrams' SVG was sanitised by
// the server and is parsed here as SVG (DOMParser), never assigned as HTML.
import { h, replace } from './dom.js';
import { t } from './i18n.js';

export function renderContent(container, session) {
  if (!session) {
    replace(container, h('p', { class: 'loading' }, t('content.loading')));
    return;
  }
  const parts = [h('h2', {}, t('content.title')), h('p', { class: 'subtitle' }, session.title)];

  if (session.sections && session.sections.length) {
    parts.push(section(t('content.sections'), h('ol', {}, session.sections.map((s) =>
      h('li', {}, s.title, s.minutes ? h('span', { class: 'hint' }, ` · ${t('content.minutes', { n: s.minutes })}`) : null))), true));
  }
  if (session.objectives && session.objectives.length) {
    parts.push(section(t('content.objectives'), h('ul', {}, session.objectives.map((o) => h('li', {}, o)))));
  }
  const ex = session.exercise;
  if (ex) {
    parts.push(section(t('content.exercise'), [
      h('p', {}, h('strong', {}, ex.title), ex.minutes ? ` · ${t('content.minutes', { n: ex.minutes })}` : ''),
      ex.scenario ? h('p', {}, ex.scenario) : null,
      ex.conditions && ex.conditions.length ? h('ul', {}, ex.conditions.map((c) => h('li', {}, c))) : null,
      h('ol', {}, (ex.prompts || []).map((p) => h('li', {}, p.text,
        p.kind === 'steps' ? h('span', { class: 'hint' }, ` (${t('content.steps')})`) : null))),
      h('ul', {}, (ex.phases || []).map((p) => h('li', {}, `${p.title} · ${t('content.minutes', { n: p.minutes })}`))),
    ], true));
  }
  for (const cs of session.caseStudies || []) {
    const body = [];
    if (cs.group) body.push(h('p', { class: 'hint' }, cs.group));
    if (cs.metrics && cs.metrics.length) {
      const dl = h('dl', { class: 'metrics' });
      for (const m of cs.metrics) dl.append(h('dt', {}, m.label), h('dd', {}, m.value));
      body.push(dl);
    }
    for (const sub of cs.subsections || []) {
      body.push(h('h4', {}, sub.title), h('ul', {}, (sub.items || []).map((i) => h('li', {}, i))));
    }
    parts.push(section(`${t('content.case')}: ${cs.company}${cs.subtitle ? ` — ${cs.subtitle}` : ''}`, body));
  }
  if (session.failureCases && session.failureCases.length) {
    parts.push(section(t('content.failures'), session.failureCases.map((f) => h('div', { class: 'failure' },
      h('h4', {}, f.title),
      field(t('content.example'), f.example), field(t('content.problem'), f.problem),
      field(t('content.cause'), f.cause), field(t('content.lesson'), f.lesson)))));
  }
  if (session.successFactors && session.successFactors.length) {
    parts.push(section(t('content.successFactors'), h('ul', {}, session.successFactors.map((s) => h('li', {}, s)))));
  }
  for (const d of session.diagrams || []) {
    parts.push(section(`${t('content.diagram')}: ${d.title || ''}`, h('div', { class: 'diagram', testid: 'diagram' }, svgElement(d.svg, d.title)), true));
  }
  replace(container, ...parts);
}

function section(title, body, open = false) {
  const details = h('details', {}, h('summary', {}, title), body);
  details.open = open;
  return details;
}

function field(label, value) {
  if (!value) return null;
  return h('p', {}, h('strong', {}, `${label}: `), value);
}

/** Parses already-sanitised SVG as an SVG document and adopts its root element. */
function svgElement(svg, title) {
  try {
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    if (doc.getElementsByTagName('parsererror').length || doc.documentElement.namespaceURI !== 'http://www.w3.org/2000/svg') {
      return h('p', { class: 'empty' }, t('content.diagramBroken'));
    }
    // The page's Content-Security-Policy refuses style attributes (style-src 'self'), but not
    // styles set through the CSSOM: carry each diagram's style="..." across that way.
    for (const node of doc.querySelectorAll('[style]')) {
      node.setAttribute('data-diagram-style', node.getAttribute('style'));
      node.removeAttribute('style');
    }
    const el = document.importNode(doc.documentElement, true);
    for (const node of [el, ...el.querySelectorAll('[data-diagram-style]')]) {
      const css = node.getAttribute('data-diagram-style');
      if (css === null) continue;
      node.removeAttribute('data-diagram-style');
      node.style.cssText = css;
    }
    el.setAttribute('role', 'img');
    if (title) el.setAttribute('aria-label', title);
    // Scale with the panel instead of a fixed pixel width.
    const w = el.getAttribute('width');
    const hgt = el.getAttribute('height');
    if (w && hgt && !el.getAttribute('viewBox')) el.setAttribute('viewBox', `0 0 ${parseFloat(w)} ${parseFloat(hgt)}`);
    el.removeAttribute('width');
    el.removeAttribute('height');
    return el;
  } catch {
    return h('p', { class: 'empty' }, t('content.diagramBroken'));
  }
}
