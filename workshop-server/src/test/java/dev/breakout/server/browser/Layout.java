package dev.breakout.server.browser;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a page fits its viewport: nothing makes it scroll sideways, no rendered element sticks
 * out of the viewport's width, and no text is cut off (an ellipsis, or content clipped by an
 * element that hides its overflow). Screen-reader-only text and containers marked
 * {@code data-paged} (the projector's pages, turned on purpose) are left out.
 */
final class Layout {
  private static final String CHECK = """
      const W = document.documentElement.clientWidth;
      const out = [];
      const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
        + (el.dataset && el.dataset.testid ? '[' + el.dataset.testid + ']' : '')
        + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
      if (document.documentElement.scrollWidth > W + 1) {
        out.push('the page scrolls sideways: ' + document.documentElement.scrollWidth + ' > ' + W);
      }
      const skip = (el) => {
        for (let e = el; e; e = e.parentElement) {
          const r = e.getBoundingClientRect();
          if (r.width <= 1 && r.height <= 1) return true;
          if (e.dataset && e.dataset.paged === 'true') return true;
        }
        return false;
      };
      for (const el of document.querySelectorAll('body *')) {
        if (!el.getClientRects().length) continue;
        const cs = getComputedStyle(el);
        if (cs.visibility === 'hidden' || cs.display === 'contents') continue;
        const r = el.getBoundingClientRect();
        // Wholly left of the page: hidden on purpose until focused (the skip link).
        if (r.width === 0 || r.height === 0 || r.right <= 0 || skip(el)) continue;
        if (r.right > W + 1 || r.left < -1) out.push(name(el) + ' sticks out: ' + Math.round(r.left) + '..' + Math.round(r.right) + ' of ' + W);
        const clips = (v) => v === 'hidden' || v === 'clip';
        if (cs.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1) out.push(name(el) + ' is cut off with an ellipsis: "' + el.textContent.trim().slice(0, 40) + '"');
        else if (clips(cs.overflowX) && el.scrollWidth > el.clientWidth + 1 && el.tagName !== 'BODY' && el.tagName !== 'HTML') out.push(name(el) + ' clips its content sideways');
        if (clips(cs.overflowY) && el.scrollHeight > el.clientHeight + 1 && el.tagName !== 'BODY' && el.tagName !== 'HTML') out.push(name(el) + ' clips its content: ' + el.scrollHeight + ' > ' + el.clientHeight);
        if (out.length > 12) break;
      }
      return out;
      """;

  private Layout() {}

  @SuppressWarnings("unchecked")
  static List<String> problems(Browser b, String state) {
    List<String> found = new ArrayList<>();
    for (Object p : (List<Object>) b.js(CHECK)) {
      found.add(b.name + " [" + state + "] " + p);
    }
    return found;
  }
}
