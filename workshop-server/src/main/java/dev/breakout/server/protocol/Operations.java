package dev.breakout.server.protocol;

import dev.breakout.server.room.Command;
import dev.breakout.server.room.Reason;
import dev.breakout.server.room.Rejection;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads a client's operation message into a {@link Command}, checking its shape: type, required
 * fields and their JSON types, id formats. What the operation means is checked by the room.
 */
public final class Operations {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final int MAX_OP_ID = 100;

  /** A readable operation, or why it is not one. */
  public record Parsed(String opId, String type, Command command, String groupId, Rejection rejection) {
    public boolean ok() {
      return rejection == null;
    }
  }

  private static final Map<String, Function<Fields, Command>> READERS = Map.ofEntries(
      Map.entry("card.add", f -> new Command.AddCard(f.id("cardId"), f.text("prompt"), f.block("text"),
          f.line("label"))),
      Map.entry("card.edit", f -> new Command.EditCard(f.id("cardId"), f.block("text"), f.line("label"),
          f.has("label"), f.optionalInt("version"))),
      Map.entry("card.delete", f -> new Command.DeleteCard(f.id("cardId"))),
      Map.entry("card.move", f -> new Command.MoveCard(f.id("cardId"), f.integer("index"))),
      Map.entry("group.submit", f -> new Command.Submit(f.bool("submitted"))),
      Map.entry("help.request", f -> new Command.RequestHelp()),
      Map.entry("exercise.start", f -> new Command.StartExercise()),
      Map.entry("clock.pause", f -> new Command.PauseClock()),
      Map.entry("clock.resume", f -> new Command.ResumeClock()),
      Map.entry("clock.adjust", f -> new Command.AdjustClock(f.integer("seconds"), f.optionalId("groupId"))),
      Map.entry("phase.next", f -> new Command.NextPhase()),
      Map.entry("broadcast", f -> new Command.Broadcast(f.block("text"))),
      Map.entry("student.move", f -> new Command.MoveStudent(f.id("studentId"), f.id("groupId"))),
      Map.entry("spotlight", f -> new Command.Spotlight(f.id("groupId"))),
      Map.entry("presentation.order", f -> new Command.PresentationOrder(f.ids("groupIds"))),
      Map.entry("help.clear", f -> new Command.ClearHelp(f.id("groupId"))),
      Map.entry("feedback", f -> new Command.Feedback(f.id("groupId"), f.block("text"))),
      Map.entry("workshop.end", f -> new Command.EndWorkshop()),
      Map.entry("broadcast.withdraw", f -> new Command.WithdrawBroadcast(f.epochMs("sentAt"))),
      Map.entry("presentation.start", f -> new Command.StartPresentations()),
      Map.entry("presentation.next", f -> new Command.NextPresenter(f.optionalId("from"))),
      Map.entry("reaction.set", f -> new Command.React(f.id("cardId"), f.reactionKind("kind"), f.bool("on"))),
      Map.entry("synthesis.merge", f -> new Command.MergeClusters(f.text("prompt"), f.id("cardId"),
          f.id("otherCardId"))),
      Map.entry("synthesis.move", f -> new Command.MoveToCluster(f.text("prompt"), f.id("cardId"),
          f.optionalId("toCardId"))),
      Map.entry("synthesis.rename", f -> new Command.RenameCluster(f.text("prompt"), f.id("cardId"),
          TextNormalizer.line(f.text("label")))));

  private Operations() {}

  public static boolean known(String type) {
    return READERS.containsKey(type);
  }

  public static Parsed parse(JsonObject message) {
    Object rawOpId = message.getValue("opId");
    String opId = rawOpId instanceof String s ? s : null;
    String type = message.getValue("type") instanceof String t ? t : null;
    if (type == null) {
      return fail(opId, type, Rejection.of(Reason.TYPE_REQUIRED));
    }
    Function<Fields, Command> reader = READERS.get(type);
    if (reader == null) {
      return fail(opId, type, Rejection.of(Reason.UNKNOWN_TYPE, "type", type));
    }
    if (opId == null || opId.isEmpty() || opId.length() > MAX_OP_ID) {
      return fail(opId, type, Rejection.of(Reason.OP_ID_REQUIRED, "max", MAX_OP_ID));
    }
    try {
      Fields fields = new Fields(message);
      Command command = reader.apply(fields);
      String groupId = type.startsWith("card.") || type.equals("group.submit") || type.equals("help.request")
          ? fields.optionalId("groupId") : null;
      return new Parsed(opId, type, command, groupId, null);
    } catch (BadField e) {
      return fail(opId, type, Rejection.of(Reason.BAD_FIELD, "field", e.field, "expected", e.expected));
    }
  }

  private static Parsed fail(String opId, String type, Rejection rejection) {
    return new Parsed(opId, type, null, null, rejection);
  }

  /** A field that is missing or of the wrong kind; {@code expected} says in English what it must be. */
  private static final class BadField extends RuntimeException {
    private final String field;
    private final String expected;

    BadField(String field, String expected) {
      super(null, null, false, false);
      this.field = field;
      this.expected = expected;
    }
  }

  /** Typed access to a message's fields that fails with a message naming the field. */
  private record Fields(JsonObject json) {

    boolean has(String name) {
      return json.containsKey(name);
    }

    String text(String name) {
      Object v = json.getValue(name);
      if (!(v instanceof String s)) {
        throw new BadField(name, "a string");
      }
      return s;
    }

    /** Free text that may span lines, normalised (see {@link TextNormalizer}). */
    String block(String name) {
      return TextNormalizer.block(text(name));
    }

    /** Optional free text on one line, normalised (see {@link TextNormalizer}). */
    String line(String name) {
      return TextNormalizer.line(optionalText(name));
    }

    String optionalText(String name) {
      Object v = json.getValue(name);
      if (v == null) {
        return null;
      }
      if (!(v instanceof String s)) {
        throw new BadField(name, "a string or null");
      }
      return s;
    }

    String id(String name) {
      String v = text(name);
      if (!ID.matcher(v).matches()) {
        throw new BadField(name, "1 to 64 letters, digits, '-' or '_'");
      }
      return v;
    }

    String optionalId(String name) {
      return has(name) && json.getValue(name) != null ? id(name) : null;
    }

    int integer(String name) {
      Object v = json.getValue(name);
      if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
          || Math.abs(n.doubleValue()) > Integer.MAX_VALUE) {
        throw new BadField(name, "a whole number");
      }
      return n.intValue();
    }

    long epochMs(String name) {
      Object v = json.getValue(name);
      if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.doubleValue() < 0
          || n.doubleValue() > 9_007_199_254_740_991d) {
        throw new BadField(name, "a time in epoch milliseconds");
      }
      return n.longValue();
    }

    Integer optionalInt(String name) {
      return json.getValue(name) == null ? null : integer(name);
    }

    String reactionKind(String name) {
      String v = text(name);
      if (!v.equals("agree") && !v.equals("new")) {
        throw new BadField(name, "'agree' or 'new'");
      }
      return v;
    }

    boolean bool(String name) {
      Object v = json.getValue(name);
      if (!(v instanceof Boolean b)) {
        throw new BadField(name, "true or false");
      }
      return b;
    }

    List<String> ids(String name) {
      Object v = json.getValue(name);
      if (!(v instanceof JsonArray a)) {
        throw new BadField(name, "an array of ids");
      }
      List<String> out = new ArrayList<>();
      for (Object o : a) {
        if (!(o instanceof String s) || !ID.matcher(s).matches()) {
          throw new BadField(name, "an array of ids");
        }
        out.add(s);
      }
      return out;
    }
  }
}
