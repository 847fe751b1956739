package dev.breakout.server.web;

import dev.breakout.content.ContentException;
import dev.breakout.content.ContentLibrary;
import dev.breakout.content.Session;
import dev.breakout.content.SessionJson;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The course sessions this server offers: the bundled ones and those in the content directory. */
public final class Sessions {
  private final Map<String, Session> byId = new LinkedHashMap<>();
  private final Map<String, JsonObject> json = new LinkedHashMap<>();

  private Sessions(List<Session> sessions) {
    for (Session s : sessions) {
      byId.put(s.id(), s);
      json.put(s.id(), new JsonObject(SessionJson.toJson(s)));
    }
  }

  /** Blocking (reads files): call from a worker or before the server starts. */
  public static Sessions load(Optional<Path> contentDir) throws ContentException {
    List<Session> sessions = ContentLibrary.bundled();
    if (contentDir.isPresent()) {
      sessions = ContentLibrary.merge(sessions, ContentLibrary.loadDirectory(contentDir.get()));
    }
    return new Sessions(sessions);
  }

  public Optional<Session> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  public Optional<JsonObject> json(String id) {
    return Optional.ofNullable(json.get(id)).map(JsonObject::copy);
  }

  public List<Session> all() {
    return List.copyOf(byId.values());
  }
}
