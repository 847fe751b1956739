package dev.breakout.server.store;

/**
 * An append refused because another node took the workshop over since this node acquired it: the
 * workshop's ownership epoch in the database is newer than the one the append was made under.
 * Nothing of the append was written. The node must stop serving its copy of the workshop.
 */
public final class StaleOwnerException extends java.sql.SQLException {
  private final String workshopId;
  private final long epoch;
  private final long current;

  StaleOwnerException(String workshopId, long epoch, long current) {
    super(current < 0 ? "this node never loaded workshop " + workshopId + " as its owner, so it may not append to it"
        : "workshop " + workshopId + " was taken over (ownership epoch " + current + "); this node's epoch "
        + epoch + " may no longer append to it", "40001");
    this.workshopId = workshopId;
    this.epoch = epoch;
    this.current = current;
  }

  String workshopId() {
    return workshopId;
  }

  /** The epoch the refused append was made under. */
  long epoch() {
    return epoch;
  }

  /**
   * The workshop's epoch in the database when the append was refused (0: the workshop is gone; -1:
   * this store never acquired it).
   */
  long current() {
    return current;
  }
}
