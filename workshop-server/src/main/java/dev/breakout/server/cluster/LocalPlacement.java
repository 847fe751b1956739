package dev.breakout.server.cluster;

import io.vertx.core.Future;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** A single server: it owns every workshop. Used only from the server's event-loop context. */
public final class LocalPlacement implements Placement {
  static final String SELF = "local";
  private final Map<String, String> owners = new LinkedHashMap<>();
  private final Map<String, String> codes = new HashMap<>();

  @Override
  public String self() {
    return SELF;
  }

  @Override
  public Future<String> claim(String workshopId) {
    owners.put(workshopId, SELF);
    return Future.succeededFuture(SELF);
  }

  @Override
  public Future<Void> register(String joinCode, String workshopId) {
    codes.put(joinCode, workshopId);
    return Future.succeededFuture();
  }

  @Override
  public Future<Optional<String>> workshopByCode(String code) {
    return Future.succeededFuture(Optional.ofNullable(codes.get(code)));
  }

  @Override
  public Future<Void> relinquish(String workshopId) {
    owners.remove(workshopId);
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> release(String workshopId, String joinCode) {
    owners.remove(workshopId);
    codes.remove(joinCode);
    return Future.succeededFuture();
  }

  @Override
  public Future<Map<String, String>> owners() {
    return Future.succeededFuture(Map.copyOf(owners));
  }

  @Override
  public List<String> nodes() {
    return List.of(SELF);
  }

  @Override
  public void onNodeLeft(Consumer<String> handler) {
    // Nothing ever leaves a single server.
  }
}
