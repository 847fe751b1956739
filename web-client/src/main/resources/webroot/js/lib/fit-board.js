// Makes a board fit a fixed frame (the projector's spotlight), in three steps, each tried only
// when the one before is not enough:
//   1. the prompts side by side, with the type shrunk down to 70 %;
//   2. the cards flowing through three columns (multi-column layout), shrunk down to 55 %;
//   3. pages of three columns: the frame shows one page, turned with turnTo().
// Nothing is ever cut off: what does not fit on a page is on the next one.

const GRID_MIN = 0.7;
const FLOW_MIN = 0.55;
const STEP = 0.05;

/** @returns {{mode: 'grid'|'flow'|'pages', scale: number, pages: number}} */
export function fitBoard(frame, board) {
  const setScale = (s) => board.style.setProperty('--fit', s.toFixed(2));
  const overflows = () => frame.scrollHeight > frame.clientHeight + 1 || frame.scrollWidth > frame.clientWidth + 1;
  frame.scrollLeft = 0;
  frame.dataset.mode = 'grid';
  frame.dataset.paged = 'false';
  let scale = 1;
  setScale(scale);
  while (overflows() && scale - STEP >= GRID_MIN - 1e-9) {
    scale -= STEP;
    setScale(scale);
  }
  if (!overflows()) return { mode: 'grid', scale, pages: 1 };

  frame.dataset.mode = 'flow';
  scale = Math.min(scale, 0.9);
  setScale(scale);
  while (overflows() && scale - STEP >= FLOW_MIN - 1e-9) {
    scale -= STEP;
    setScale(scale);
  }
  if (!overflows()) return { mode: 'flow', scale, pages: 1 };

  // Columns that do not fit continue to the right of the frame; a page is the frame's width
  // plus one column gap.
  frame.dataset.mode = 'pages';
  // Hidden on purpose: the rest is on the next pages (tests of "nothing cut off" know this mark).
  frame.dataset.paged = 'true';
  const pages = Math.max(1, Math.ceil((frame.scrollWidth + pageGap(board)) / pageWidth(frame, board) - 0.01));
  return { mode: 'pages', scale, pages };
}

function pageGap(board) {
  return parseFloat(getComputedStyle(board).columnGap) || 0;
}

function pageWidth(frame, board) {
  return frame.clientWidth + pageGap(board);
}

/** Shows page {@code index} (from 0) of a board fitted in 'pages' mode. */
export function turnTo(frame, board, index) {
  frame.scrollLeft = index * pageWidth(frame, board);
}
