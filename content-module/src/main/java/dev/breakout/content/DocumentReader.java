package dev.breakout.content;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.node.Document;
import org.commonmark.node.Link;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;

/** Reads a whole session document: the title, then each {@code ##} section by its kind. */
final class DocumentReader {

  private static final Pattern TITLE = Pattern.compile("Session\\s+(\\d{1,3})\\s*:\\s*(.*)", Pattern.CASE_INSENSITIVE);
  private static final Pattern POSITION = Pattern.compile(
      "Week\\s*(\\d+)\\s*>\\s*Day\\s*(\\d+)\\s*>\\s*Session\\s*(\\d+)", Pattern.CASE_INSENSITIVE);
  private static final Pattern NUMBERED = Pattern.compile("\\d+\\.\\s*(.*)");
  // Anything that is not a letter or digit may stand before 실습, e.g. an emoji.
  private static final Pattern EXERCISE = Pattern.compile("[^\\p{L}\\p{N}]*실습\\s*:\\s*(.*)");
  private static final int MAX_POSITION = 999;

  private final Outline outline;
  private final Report report;
  private final FailureCases failures;
  private final List<Session.Section> sections = new ArrayList<>();
  private final List<String> objectives = new ArrayList<>();
  private final List<Session.CaseStudy> caseStudies = new ArrayList<>();
  private final List<String> nextSession = new ArrayList<>();
  private final List<Session.Reference> references = new ArrayList<>();
  private HeadingInfo titleHeading;
  private String title;
  private Integer titleNumber;
  private Session.Position position;
  private String introduction;
  private boolean positionSeen;
  private Exercise exercise;
  private boolean exerciseSeen;

  DocumentReader(Document document, Report report) {
    this.report = report;
    this.outline = new Outline(document, report);
    this.failures = new FailureCases(outline, report);
  }

  /** The session, or null when the report holds errors. */
  Session read() {
    List<Node> body = title();
    Outline.Parts parts = outline.split(body, 2);
    parts.preamble().forEach(block -> report.unread(block, "text belongs in a ## section"));
    for (Outline.Part part : parts.parts()) {
      HeadingInfo heading = part.heading();
      sections.add(new Session.Section(heading.title(), heading.minutes()));
      outline.budgetRead(heading);
      section(part);
    }
    int firstLine = titleHeading == null ? 1 : titleHeading.line();
    if (!positionSeen) {
      report.error(firstLine, "no position: expected a section ## 📍 교과과정에서의 위치 containing"
          + " **Week W > Day D > Session S**");
    }
    if (!exerciseSeen) {
      report.error(firstLine, "no exercise: expected a section ## 실습: title (N분)");
    }
    if (position != null && titleNumber != null && titleNumber != position.session()) {
      report.warn(firstLine, "the title says Session " + titleNumber + " but the position says Session "
          + position.session() + "; the id uses the position");
    }
    checkListItems();
    List<Session.Diagram> diagrams = Diagrams.read(outline, report);
    outline.warnUnreadBudgets(report);
    if (report.hasErrors()) {
      return null;
    }
    int total = sections.stream().filter(s -> s.minutes() != null).mapToInt(Session.Section::minutes).sum();
    String id = String.format(Locale.ROOT, "week%d-day%d-session%d", position.week(), position.day(),
        position.session());
    return new Session(id, title, position, introduction, sections, total, objectives, caseStudies,
        failures.cases(), failures.successFactors(), exercise, diagrams,
        nextSession.isEmpty() ? null : String.join("\n\n", nextSession), references, report.warnings());
  }

  /** Reads the {@code # Session N: title} heading and returns every block except level-1 headings. */
  private List<Node> title() {
    List<Node> body = new ArrayList<>();
    for (Node block : outline.blocks()) {
      HeadingInfo heading = outline.heading(block);
      if (heading == null || heading.level() > 1) {
        body.add(block);
      } else if (titleHeading != null) {
        report.error(heading.line(), "a document has one # title: use ## for sections");
      } else {
        titleHeading = heading;
        Matcher matcher = TITLE.matcher(heading.title());
        if (matcher.matches() && !matcher.group(2).isBlank()) {
          titleNumber = Integer.parseInt(matcher.group(1));
          title = matcher.group(2).strip();
        } else {
          report.error(heading.line(), "expected the title as # Session N: title, found # " + heading.title());
        }
      }
    }
    if (titleHeading == null) {
      report.error(1, "no title: expected a first heading # Session N: title");
    }
    return body;
  }

  private void section(Outline.Part part) {
    String heading = part.heading().title();
    Matcher exerciseTitle = EXERCISE.matcher(heading);
    Matcher numbered = NUMBERED.matcher(heading);
    if (heading.contains("교과과정에서의 위치")) {
      position(part);
    } else if (exerciseTitle.matches()) {
      exercise(part, exerciseTitle.group(1).strip());
    } else if (heading.contains("학습 목표")) {
      objectives(part);
    } else if (heading.contains("다음 세션")) {
      part.body().stream().map(Markdown::text).filter(t -> !t.isEmpty()).forEach(nextSession::add);
    } else if (heading.contains("참고 자료")) {
      references(part);
    } else if (numbered.matches() && heading.contains("실패")) {
      failures.read(part);
    } else if (numbered.matches()) {
      caseStudies.addAll(new CaseStudies(outline, report).read(part, numbered.group(1).strip()));
    } else {
      part.body().forEach(block -> report.unread(block, "the section '" + heading
          + "' is not one of the kinds of section the format reads"));
    }
  }

  private void position(Outline.Part part) {
    if (positionSeen) {
      report.error(part.heading().line(), "a second position section: a document has one");
      return;
    }
    positionSeen = true;
    List<String> prose = part.body().stream().map(Markdown::text).filter(t -> !t.isEmpty()).toList();
    introduction = prose.isEmpty() ? null : String.join("\n\n", prose);
    Matcher matcher = POSITION.matcher(introduction == null ? "" : introduction);
    if (!matcher.find()) {
      report.error(part.heading().line(), "the position section has no **Week W > Day D > Session S**");
      return;
    }
    int week = positionNumber(matcher.group(1));
    int day = positionNumber(matcher.group(2));
    int session = positionNumber(matcher.group(3));
    if (week == 0 || day == 0 || session == 0) {
      report.error(part.heading().line(), "cannot read the position '" + matcher.group()
          + "': week, day and session are whole numbers from 1 to " + MAX_POSITION);
    } else {
      position = new Session.Position(week, day, session);
    }
  }

  private static int positionNumber(String digits) {
    return digits.length() > 3 ? 0 : Integer.parseInt(digits);
  }

  private void exercise(Outline.Part part, String exerciseTitle) {
    if (exerciseSeen) {
      report.error(part.heading().line(), "a second exercise: a document has one ## 실습: section");
      return;
    }
    exerciseSeen = true;
    if (exerciseTitle.isEmpty()) {
      report.error(part.heading().line(), "the exercise has no title: expected ## 실습: title (N분)");
    }
    exercise = new ExerciseReader(outline, report).read(part, exerciseTitle);
  }

  private void objectives(Outline.Part part) {
    for (Node block : part.body()) {
      if (block instanceof ListBlock list) {
        objectives.addAll(Markdown.items(list));
      } else {
        report.unread(block, "the learning objectives are the items of a list");
      }
    }
  }

  private void references(Outline.Part part) {
    for (Node block : part.body()) {
      List<Link> links = links(block);
      if (links.isEmpty()) {
        report.unread(block, "the references are Markdown links, e.g. - [title](https://...)");
      }
      for (Link link : links) {
        String url = link.getDestination() == null ? "" : link.getDestination().strip();
        String label = Markdown.linkLabel(link);
        if (!url.toLowerCase(Locale.ROOT).matches("https?://.+")) {
          report.warn(Markdown.line(link), "the reference '" + label + "' has no http(s) address; the page shows"
              + " it without a link");
        }
        references.add(new Session.Reference(label.isEmpty() ? url : label, url));
      }
    }
  }

  private static List<Link> links(Node root) {
    List<Link> links = new ArrayList<>();
    Deque<Node> pending = new ArrayDeque<>();
    pending.push(root);
    while (!pending.isEmpty()) {
      Node node = pending.pop();
      if (node instanceof Link link) {
        links.add(link);
        continue;
      }
      for (Node child = node.getLastChild(); child != null; child = child.getPrevious()) {
        pending.push(child);
      }
    }
    return links;
  }

  /** An empty list item is an error wherever it stands: it is almost always a half-written line. */
  private void checkListItems() {
    Deque<Node> pending = new ArrayDeque<>(outline.blocks());
    while (!pending.isEmpty()) {
      Node node = pending.pop();
      if (node instanceof ListItem item && !Markdown.hasContent(item)) {
        report.error(Markdown.line(item), "empty list item: expected text after the list marker");
      }
      for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
        pending.push(child);
      }
    }
  }
}
