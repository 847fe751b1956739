package dev.breakout.server.room;

/**
 * An event at its place in one group's log.
 *
 * @param seq   the group's sequence number: 1, 2, 3, ... without gaps
 * @param at    when it was accepted (epoch ms)
 * @param actor who caused it ({@code system} for the clock)
 * @param opId  the operation that caused it, null for the clock
 */
public record Logged(String groupId, long seq, long at, String actor, String opId, Event event) {}
