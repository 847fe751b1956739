package dev.breakout.content.cli;

import dev.breakout.content.ContentException;
import dev.breakout.content.ContentLibrary;
import dev.breakout.content.Problem;
import dev.breakout.content.Session;
import dev.breakout.content.SessionJson;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Checks a session document from the command line: a summary (or the JSON with {@code --json}) when it is
 * good, every problem as {@code FILE:LINE: message} when it is not.
 */
public final class ContentCli {

  static final int OK = 0;
  static final int CONTENT_ERRORS = 1;
  static final int USAGE = 2;

  private static final String USAGE_TEXT = "usage: java -jar content-module.jar [--json] FILE\n"
      + "  checks a session document; prints a summary, or the session JSON with --json\n"
      + "  exit status: 0 good, 1 content errors (listed as FILE:LINE: message), 2 usage or unreadable file";

  private ContentCli() {}

  public static void main(String[] args) {
    // The documents are Korean: the output must be UTF-8 whatever the platform's default charset is.
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    int status = run(args, out, err);
    out.flush();
    err.flush();
    System.exit(status);
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    boolean json = false;
    String file = null;
    for (String arg : args) {
      if (arg.equals("--json")) {
        json = true;
      } else if (arg.equals("--help") || arg.equals("-h")) {
        out.println(USAGE_TEXT);
        return OK;
      } else if (arg.startsWith("-") && arg.length() > 1) {
        return usage(err, "unknown option " + arg);
      } else if (file != null) {
        return usage(err, "one FILE at a time");
      } else {
        file = arg;
      }
    }
    if (file == null) {
      return usage(err, "no FILE given");
    }
    Session session;
    try {
      session = ContentLibrary.loadFile(Path.of(file));
    } catch (InvalidPathException e) {
      return usage(err, "not a file name: " + file);
    } catch (IOException e) {
      return usage(err, "cannot read " + file + ": " + reason(e));
    } catch (ContentException e) {
      for (Problem problem : e.problems()) {
        err.println(problem.line() > 0
            ? file + ":" + problem.line() + ": " + problem.message()
            : file + ": " + problem.message());
      }
      return CONTENT_ERRORS;
    }
    out.print(json ? SessionJson.toJson(session) : Summary.of(session, file));
    out.flush();
    return OK;
  }

  private static int usage(PrintStream err, String message) {
    err.println("content-module: " + message);
    err.println(USAGE_TEXT);
    return USAGE;
  }

  private static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }
}
