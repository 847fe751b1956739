package dev.breakout.content;

import java.io.Serializable;

/**
 * One thing wrong with a content document.
 *
 * @param line    1-based line of the source the problem is on, or 0 when it concerns no single line
 *                (a missing file, a duplicate id across documents)
 * @param message what was found and what was expected, in words a course author can act on
 */
public record Problem(int line, String message) implements Serializable {}
