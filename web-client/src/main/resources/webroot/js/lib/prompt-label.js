// A prompt's short label, for tabs and tight columns: the one the course document gives
// (`shortLabel`, docs/content-format.md), else one derived from the prompt's text by the same
// rule as the content module's PromptLabels.derive (the text when short; else its last word, with
// the word before a two-syllable noun like 수립; a closing particle of a question dropped).
const MAX_CHARS = 12;
const WHOLE_TEXT_CHARS = 8;
const PARTICLE = /^(\p{Script=Hangul}{2,})[은는이가을를]$|^(\p{Script=Hangul})[은는]$/u;
const MODIFIER = /[한는은을를의적]$/u;

const length = (s) => [...s].length;

export function deriveShort(text) {
  const stripped = String(text || '').trim();
  const question = /[?？]$/.test(stripped);
  const t = stripped.replace(/[?？.!:：]+$/u, '').trim();
  if (!t) return '';
  const latin = /^[\x00-\x7f]*$/.test(t);
  if (length(t) <= (latin ? MAX_CHARS : WHOLE_TEXT_CHARS)) return t;
  const words = t.split(/\s+/);
  let last = words[words.length - 1];
  const particle = PARTICLE.exec(last);
  if (question && particle) last = particle[1] || particle[2];
  let label = last;
  const lastChars = length(last);
  if (words.length > 1 && (lastChars === 1 || (lastChars === 2 && !MODIFIER.test(words[words.length - 2])))) {
    label = `${words[words.length - 2]} ${last}`;
  }
  return length(label) <= MAX_CHARS ? label : `${[...label].slice(0, MAX_CHARS - 1).join('')}…`;
}

export function promptShort(prompt) {
  if (!prompt) return '';
  return prompt.shortLabel || deriveShort(prompt.text);
}
