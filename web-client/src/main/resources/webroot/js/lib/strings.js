// Every string of the three pages, Korean and English, as t() and errors.js look them up. The
// tables are kept by language, each in three parts so that no file grows too long: the pages
// (strings-ko-pages.js), the exercise's later screens (strings-ko-exercise.js) and server errors
// (strings-ko-errors.js), and the same for English (strings-en-*.js). Keys are grouped by where
// they show; {name} marks a value filled in by t(key, {name: ...}).
import { KO_PAGES } from './strings-ko-pages.js';
import { KO_EXERCISE } from './strings-ko-exercise.js';
import { KO_ERRORS } from './strings-ko-errors.js';
import { EN_PAGES } from './strings-en-pages.js';
import { EN_EXERCISE } from './strings-en-exercise.js';
import { EN_ERRORS } from './strings-en-errors.js';

export const STRINGS = {
  ko: { ...KO_PAGES, ...KO_EXERCISE, ...KO_ERRORS },
  en: { ...EN_PAGES, ...EN_EXERCISE, ...EN_ERRORS },
};
