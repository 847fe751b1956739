package dev.breakout.server.room;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every reason the server gives for refusing something, in one table: its wire name (the
 * {@code reason} of an error), the broader {@link ErrorCode} clients act on (retry, reconnect, show
 * the current card), and the English {@code message} with {@code {name}} placeholders for its
 * parameters. The web client shows its own Korean and English text for each reason from
 * {@code js/lib/strings.js} ({@code error.<reason>}); a test keeps the two lists together. See
 * docs/protocol.md, "Errors".
 */
public enum Reason {
  // ---- joining and seats
  NAME_REQUIRED(ErrorCode.BAD_REQUEST, "Enter your name."),
  NAME_TOO_LONG(ErrorCode.TOO_LONG, "A name can have at most {max} characters."),
  NAME_INVISIBLE(ErrorCode.BAD_REQUEST, "A name needs at least one visible character."),
  GROUPS_ASSIGNED(ErrorCode.FORBIDDEN, "This workshop assigns groups; join without choosing one."),
  NO_GROUP(ErrorCode.NOT_FOUND, "No group '{groupId}'."),
  NO_WORKSHOP_FOR_CODE(ErrorCode.NOT_FOUND, "No workshop with this code; check the 6 digits."),
  /** The code named a workshop a moment ago, but no node holds it now (deleted meanwhile). */
  CODE_WORKSHOP_GONE(ErrorCode.NOT_FOUND, "No workshop with this code."),
  JOIN_CODE_CLOSED(ErrorCode.NOT_FOUND,
      "This join code took new students for {hours} hours and is closed now; ask your instructor."),
  SEAT_UNKNOWN(ErrorCode.NOT_FOUND, "This seat is not known; join again with your name."),
  JOIN_BODY(ErrorCode.BAD_REQUEST, "Send {\"code\", \"name\", \"groupId\"?} or {\"code\", \"rejoinKey\"}."),
  NOT_SEATED(ErrorCode.FORBIDDEN, "You are not seated in this workshop."),

  // ---- who may do what
  INSTRUCTOR_ONLY(ErrorCode.FORBIDDEN, "Only the instructor can do this."),
  STUDENTS_ONLY(ErrorCode.FORBIDDEN, "Group answers are written by the group's students."),
  OWN_GROUP_ONLY(ErrorCode.FORBIDDEN, "You can only change your own group's answers."),
  LOGIN_REQUIRED(ErrorCode.UNAUTHORIZED, "Log in as the instructor first."),
  LOGIN_EXPIRED(ErrorCode.UNAUTHORIZED, "Your login has expired or is invalid; log in again."),
  WRONG_PASSWORD(ErrorCode.UNAUTHORIZED, "Wrong password."),
  PASSWORD_REQUIRED(ErrorCode.BAD_REQUEST, "Send {\"password\": \"...\"}."),
  TOO_MANY_ATTEMPTS(ErrorCode.RATE_LIMITED, "Too many wrong attempts; try again in {seconds} s."),

  // ---- cards
  NO_PROMPT(ErrorCode.NOT_FOUND, "No prompt '{prompt}'."),
  CARD_TEXT_REQUIRED(ErrorCode.BAD_REQUEST, "A card needs text."),
  TEXT_TOO_LONG(ErrorCode.TOO_LONG, "The {field} is too long: at most {max} characters."),
  CARD_ID_TAKEN(ErrorCode.CONFLICT, "A card with id '{cardId}' exists already; choose a new id."),
  GROUP_CARD_LIMIT(ErrorCode.TOO_LONG, "A group can have at most {max} cards."),
  STUDENT_CARD_LIMIT(ErrorCode.TOO_LONG, "One student can have at most {max} cards in a group."),
  NO_CARD_IN_GROUP(ErrorCode.NOT_FOUND, "No card '{cardId}' in your group."),
  EDIT_CONFLICT(ErrorCode.CONFLICT, "Someone changed this card first; here is the current text."),
  INDEX_OUT_OF_RANGE(ErrorCode.BAD_REQUEST, "index must be from 0 to {max}."),
  WRITING_CLOSED(ErrorCode.PHASE_CLOSED, "Writing is closed for this phase."),

  // ---- reactions
  REACTION_KIND(ErrorCode.BAD_REQUEST, "kind must be 'agree' or 'new'."),
  REACTIONS_CLOSED(ErrorCode.PHASE_CLOSED, "Reactions are open during presentations and the gallery."),
  NO_CARD(ErrorCode.NOT_FOUND, "No card '{cardId}' in this workshop."),
  OWN_CARD(ErrorCode.FORBIDDEN, "You cannot react to your own group's cards."),
  ALREADY_REACTED(ErrorCode.CONFLICT, "You reacted so already."),
  NO_REACTION(ErrorCode.CONFLICT, "There is no such reaction to take back."),

  // ---- synthesis corrections
  CLUSTER_NAME_REQUIRED(ErrorCode.BAD_REQUEST, "A cluster needs a name."),
  CLUSTER_NAME_TOO_LONG(ErrorCode.TOO_LONG, "A cluster name can have at most {max} characters."),
  SAME_CARD_TWICE(ErrorCode.BAD_REQUEST, "Name two different cards."),
  CARD_ID_AMBIGUOUS(ErrorCode.CONFLICT, "Several groups have a card '{cardId}'; it cannot be corrected by id."),
  CARD_OTHER_PROMPT(ErrorCode.BAD_REQUEST, "Card '{cardId}' answers prompt '{cardPrompt}', not '{prompt}'."),

  // ---- the instructor's commands and the clock
  ALREADY_STARTED(ErrorCode.CONFLICT, "The exercise has started already."),
  NOT_STARTED(ErrorCode.CONFLICT, "The exercise has not started yet."),
  ENDED(ErrorCode.CONFLICT, "The workshop has ended."),
  ALREADY_PAUSED(ErrorCode.CONFLICT, "The clock is paused already."),
  NOT_PAUSED(ErrorCode.CONFLICT, "The clock is running."),
  BROADCAST_EMPTY(ErrorCode.BAD_REQUEST, "The message is empty."),
  NO_BROADCAST(ErrorCode.NOT_FOUND, "No broadcast sent at {sentAt} to withdraw."),
  FEEDBACK_EMPTY(ErrorCode.BAD_REQUEST, "The feedback is empty."),
  NO_STUDENT(ErrorCode.NOT_FOUND, "No student '{studentId}'."),
  ALREADY_IN_GROUP(ErrorCode.CONFLICT, "The student is in that group already."),
  ADJUST_RANGE(ErrorCode.BAD_REQUEST, "seconds must be from -{max} to {max} and not 0."),
  NO_GROUP_TIME(ErrorCode.CONFLICT, "There is no writing time to adjust for a group now."),
  NO_PRESENTATION_TIME(ErrorCode.CONFLICT, "The presentations have not started; there is no time to adjust."),

  // ---- presentations
  PRESENTATIONS_AFTER_DISCUSSION(ErrorCode.CONFLICT, "The presentations start after the discussion."),
  PRESENTATIONS_STARTED(ErrorCode.CONFLICT, "The presentations have started already."),
  ORDER_EMPTY(ErrorCode.BAD_REQUEST, "Name at least one group."),
  ORDER_DUPLICATE(ErrorCode.BAD_REQUEST, "A group appears twice in the order."),
  INSTRUCTOR_ADVANCES(ErrorCode.FORBIDDEN, "Only the instructor moves to the next group."),
  PRESENTING_GROUP_ONLY(ErrorCode.FORBIDDEN, "Only the presenting group can move on."),
  NOBODY_PRESENTING(ErrorCode.CONFLICT, "No group is presenting now."),
  ALREADY_PRESENTED(ErrorCode.CONFLICT, "That group has finished presenting already."),

  // ---- messages on the socket
  FRAME_TOO_LONG(ErrorCode.TOO_LONG, "A message can have at most {max} characters."),
  BINARY_FRAME(ErrorCode.BAD_REQUEST, "Send text frames with JSON."),
  NOT_JSON_OBJECT(ErrorCode.BAD_REQUEST, "The message is not a JSON object."),
  TYPE_REQUIRED(ErrorCode.BAD_REQUEST, "Every message needs a string 'type'."),
  UNKNOWN_TYPE(ErrorCode.UNKNOWN_TYPE, "Unknown message type '{type}'."),
  OP_ID_REQUIRED(ErrorCode.BAD_REQUEST,
      "Every operation needs an 'opId': a string of 1 to {max} characters, unique per client."),
  BAD_FIELD(ErrorCode.BAD_REQUEST, "'{field}' must be {expected}."),
  ALREADY_HELLO(ErrorCode.BAD_REQUEST, "Already said hello."),
  TOO_FAST(ErrorCode.RATE_LIMITED, "Too many operations; slow down a little."),

  // ---- HTTP requests
  BODY_REQUIRED(ErrorCode.BAD_REQUEST, "The request needs a JSON object body."),
  BODY_NOT_JSON(ErrorCode.BAD_REQUEST, "The body is not valid JSON."),
  REQUEST_TOO_LARGE(ErrorCode.TOO_LONG, "The request is too large."),
  NO_ROUTE(ErrorCode.NOT_FOUND, "Request failed ({status})."),
  REQUEST_FAILED(ErrorCode.BAD_REQUEST, "Request failed ({status})."),
  NO_API_ROUTE(ErrorCode.NOT_FOUND, "No such API route."),
  /** Between nodes only: an action name this node does not know (a node of another version). */
  UNKNOWN_ACTION(ErrorCode.BAD_REQUEST, "Unknown action '{action}'."),
  NO_WORKSHOP(ErrorCode.NOT_FOUND, "No workshop '{workshopId}'."),
  NO_SESSION(ErrorCode.NOT_FOUND, "No session '{sessionId}'."),
  SESSION_REQUIRED(ErrorCode.BAD_REQUEST, "'sessionId' is required."),
  NO_EXERCISE(ErrorCode.BAD_REQUEST, "Session '{sessionId}' has no exercise to run."),
  EXPORT_FORMAT(ErrorCode.BAD_REQUEST, "format must be md, csv, json or analytics-csv."),

  // ---- creating a workshop (the plan's fields)
  WORKSHOP_NAME_TOO_LONG(ErrorCode.BAD_REQUEST, "'name' must be text of at most {max} characters."),
  TIME_ZONE(ErrorCode.BAD_REQUEST, "'timeZone' must be an IANA zone such as 'Asia/Seoul'."),
  PRESENTATION_NOT_OBJECT(ErrorCode.BAD_REQUEST, "'presentation' must be an object."),
  NOT_A_CHOICE(ErrorCode.BAD_REQUEST, "'{field}' must be one of {allowed}."),
  NOT_BOOLEAN(ErrorCode.BAD_REQUEST, "'{field}' must be true or false."),
  NOT_IN_RANGE(ErrorCode.BAD_REQUEST, "'{field}' must be a whole number from {min} to {max}."),
  GROUP_NAMES_NOT_ARRAY(ErrorCode.BAD_REQUEST, "'groupNames' must be an array of names."),
  GROUP_NAME_LENGTH(ErrorCode.BAD_REQUEST, "Each group name needs 1 to {max} characters, at least one of them visible."),
  GROUP_NAMES_REPEAT(ErrorCode.BAD_REQUEST, "Group names must differ."),
  GROUP_NAMES_COUNT(ErrorCode.BAD_REQUEST, "'groupNames' has {names} names for {groups} groups."),
  TOO_MANY_GROUPS(ErrorCode.BAD_REQUEST, "At most {max} groups."),
  GROUPS_REQUIRED(ErrorCode.BAD_REQUEST, "Give 'groups' (1 to {max}) or 'groupSize' with 'students'."),
  MORE_NAMES_THAN_GROUPS(ErrorCode.BAD_REQUEST, "More group names than groups."),
  PHASE_SECONDS_NOT_OBJECT(ErrorCode.BAD_REQUEST, "'phaseSeconds' must map phase ids to seconds."),
  UNKNOWN_PHASE(ErrorCode.BAD_REQUEST, "'phaseSeconds' names an unknown phase '{phase}'."),

  // ---- the server itself
  SAVE_FAILED(ErrorCode.UNAVAILABLE, "The server could not save; reconnect in a moment."),
  CUT_OFF(ErrorCode.UNAVAILABLE, "This server is cut off from the others; try again in a moment."),
  NODE_RESTARTING(ErrorCode.UNAVAILABLE,
      "The server holding this workshop is restarting; try again in a few seconds."),
  NO_FREE_JOIN_CODE(ErrorCode.UNAVAILABLE, "No free join code; delete old workshops."),
  INTERNAL(ErrorCode.INTERNAL, "Something went wrong on the server.");

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");

  private final ErrorCode code;
  private final String english;

  Reason(ErrorCode code, String english) {
    this.code = code;
    this.english = english;
  }

  /** The broader code this reason is sent with. */
  public ErrorCode code() {
    return code;
  }

  /** The name on the wire: the constant's name in lower case with dashes ({@code name-too-long}). */
  public String wire() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The English template, placeholders unfilled. */
  public String template() {
    return english;
  }

  /** The English message with the parameters filled in; a missing one stays as its placeholder. */
  public String message(Map<String, Object> params) {
    Matcher m = PLACEHOLDER.matcher(english);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      Object value = params.get(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : String.valueOf(value)));
    }
    m.appendTail(out);
    return out.toString();
  }
}
