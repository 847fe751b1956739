package dev.breakout.content;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Where sessions come from: the documents bundled in this jar, or a directory of an instructor's own. */
public final class ContentLibrary {

  private static final String CONTENT = "/content/";
  private static final String INDEX = CONTENT + "index.txt";

  private ContentLibrary() {}

  /**
   * The sessions bundled with the module, in the order of {@code content/index.txt}.
   *
   * @throws IllegalStateException when a bundled document is missing or broken: a build that ships one is broken
   */
  public static List<Session> bundled() {
    List<Session> sessions = new ArrayList<>();
    for (String name : index()) {
      String resource = CONTENT + name;
      try (InputStream in = ContentLibrary.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException(INDEX + " lists " + name + " but " + resource + " is not bundled");
        }
        sessions.add(SessionParser.parse(SourceFiles.read(in, resource), resource));
      } catch (ContentException e) {
        throw new IllegalStateException("a bundled document is broken:\n" + e.getMessage(), e);
      } catch (IOException e) {
        throw new IllegalStateException("cannot read the bundled document " + resource, e);
      }
    }
    try {
      return merge(sessions, List.of());
    } catch (ContentException e) {
      throw new IllegalStateException("the bundled documents clash:\n" + e.getMessage(), e);
    }
  }

  private static List<String> index() {
    try (InputStream in = ContentLibrary.class.getResourceAsStream(INDEX)) {
      if (in == null) {
        throw new IllegalStateException(INDEX + " is missing from the module");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      return reader.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + INDEX, e);
    }
  }

  /**
   * Reads and parses one document file.
   *
   * @throws ContentException when the document is broken, too large or not UTF-8
   * @throws IOException when the file cannot be read
   */
  public static Session loadFile(Path file) throws IOException, ContentException {
    String source = file.toString();
    return SessionParser.parse(SourceFiles.read(file, source), source);
  }

  /**
   * Every {@code *.md} file directly in {@code dir}, sorted by file name.
   *
   * @throws ContentException with the problems of all the files together, each message starting with its file
   *     name; also when two files give the same id
   */
  public static List<Session> loadDirectory(Path dir) throws ContentException {
    List<Path> files;
    try (Stream<Path> listing = Files.list(dir)) {
      files = listing
          .filter(p -> p.getFileName().toString().endsWith(".md") && Files.isRegularFile(p))
          .sorted(Comparator.comparing(p -> p.getFileName().toString()))
          .toList();
    } catch (IOException e) {
      throw new ContentException(dir.toString(), List.of(new Problem(0, "cannot list the directory: " + e)));
    }
    List<Problem> problems = new ArrayList<>();
    List<Session> sessions = new ArrayList<>();
    Map<String, String> fileOfId = new HashMap<>();
    for (Path file : files) {
      String name = file.getFileName().toString();
      try {
        Session session = SessionParser.parse(SourceFiles.read(file, name), name);
        String other = fileOfId.putIfAbsent(session.id(), name);
        if (other != null) {
          problems.add(new Problem(0, name + ": the session id '" + session.id() + "' is already used by " + other));
        }
        sessions.add(session);
      } catch (ContentException e) {
        e.problems().forEach(p -> problems.add(new Problem(p.line(), name + ": " + p.message())));
      } catch (IOException e) {
        problems.add(new Problem(0, name + ": cannot read the file: " + e));
      }
    }
    if (!problems.isEmpty()) {
      throw new ContentException(dir.toString(), problems);
    }
    return List.copyOf(sessions);
  }

  /**
   * The sessions of {@code a} followed by those of {@code b}.
   *
   * @throws ContentException when an id appears twice: the server addresses sessions by id
   */
  public static List<Session> merge(List<Session> a, List<Session> b) throws ContentException {
    List<Session> all = new ArrayList<>(a);
    all.addAll(b);
    Map<String, Session> byId = new HashMap<>();
    List<Problem> problems = new ArrayList<>();
    for (Session session : all) {
      Session other = byId.putIfAbsent(session.id(), session);
      if (other != null) {
        problems.add(new Problem(0, "the session id '" + session.id() + "' appears twice ('" + other.title()
            + "' and '" + session.title() + "'): each session needs its own curriculum position"));
      }
    }
    if (!problems.isEmpty()) {
      throw new ContentException("sessions", problems);
    }
    return List.copyOf(all);
  }
}
