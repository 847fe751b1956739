package dev.breakout.server.auth;

/** Who a verified token speaks for. */
public sealed interface Principal {

  String id();

  record Instructor(String id) implements Principal {}

  record Student(String id, String workshopId) implements Principal {}
}
