package dev.breakout.server.room;

/**
 * One answer on a prompt. {@code version} starts at 1 and grows with every edit, so a client can
 * say which version it edited and learn of a conflicting edit.
 */
public record Card(
    String cardId,
    String prompt,
    String text,
    String label,
    String authorId,
    String authorName,
    int version,
    boolean late,
    long createdAt,
    long updatedAt) {}
