// A prompt's short label, for tabs and tight columns: the one the course document gives
// (docs/content-format.md), else one derived from the prompt's text. Korean prompts are noun
// phrases whose last word names the thing ("예상되는 장애물" → "장애물"), so the last word is a
// fair guess; a text already short stays as it is.
const SHORT = 10;

export function promptShort(prompt) {
  if (!prompt) return '';
  const given = prompt.shortLabel || prompt.short || prompt.label;
  if (given) return given;
  const text = String(prompt.text || '').replace(/^\s*\d+[.)]\s*/, '').replace(/[?？.:：]+\s*$/, '').trim();
  if ([...text].length <= SHORT) return text;
  const words = text.split(/\s+/);
  const last = words[words.length - 1];
  return [...last].length <= SHORT ? last : `${[...text].slice(0, SHORT - 1).join('')}…`;
}
