package dev.breakout.server.room;

/** A student seated in a group. */
public record Member(String studentId, String name, long joinedAt) {}
