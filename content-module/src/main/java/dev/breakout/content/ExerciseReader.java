package dev.breakout.content;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.ListBlock;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;

/**
 * Reads the {@code ## 실습: title (N분)} section: the scenario, the given conditions, the phases (every
 * {@code ###} with a budget) and the prompts (the numbered list of the discussion phase).
 */
final class ExerciseReader {

  /** What the blocks under the current heading are read as. */
  private enum Reading { NOTHING, SCENARIO, CONDITIONS, PROMPTS, PHASE_TEXT }

  private static final String QUOTES = "\"“”";

  private final Outline outline;
  private final Report report;
  private final List<String> scenario = new ArrayList<>();
  private final List<String> conditions = new ArrayList<>();
  private final List<Exercise.Prompt> prompts = new ArrayList<>();
  private final List<Exercise.Phase> phases = new ArrayList<>();
  private final List<HeadingInfo> discussions = new ArrayList<>();
  private int phaseHeadings;

  ExerciseReader(Outline outline, Report report) {
    this.outline = outline;
    this.report = report;
  }

  Exercise read(Outline.Part section, String title) {
    Reading underPhase = Reading.NOTHING;
    Reading reading = Reading.NOTHING;
    for (Node block : section.body()) {
      HeadingInfo heading = outline.heading(block);
      if (heading != null && heading.level() == 3) {
        underPhase = subsection(heading);
        reading = underPhase;
      } else if (heading != null && heading.level() == 4 && heading.title().contains("조건")) {
        reading = Reading.CONDITIONS;
      } else if (heading != null) {
        reading = underPhase;
        report.unread(block, "in the exercise only #### 주어진 조건 is read among the #### headings");
      } else {
        read(block, reading);
      }
    }
    check(section.heading());
    return new Exercise(title, section.heading().minutes(), scenario(), conditions, prompts, phases);
  }

  private Reading subsection(HeadingInfo heading) {
    if (heading.hasBudget()) {
      phaseHeadings++;
      Exercise.PhaseKind kind = kind(heading.title());
      if (heading.minutes() != null) {
        phases.add(new Exercise.Phase("phase" + (phases.size() + 1), heading.title(), heading.minutes(), kind));
        outline.budgetRead(heading);
      }
      if (kind == Exercise.PhaseKind.DISCUSSION) {
        discussions.add(heading);
        return Reading.PROMPTS;
      }
      return Reading.PHASE_TEXT;
    }
    if (heading.title().contains("시나리오")) {
      return Reading.SCENARIO;
    }
    report.unread(heading.node(), "a ### heading in the exercise is ### 시나리오 분석 or a phase with a budget,"
        + " e.g. ### 그룹 토론 (5분)");
    return Reading.NOTHING;
  }

  private static Exercise.PhaseKind kind(String title) {
    if (title.contains("토론")) {
      return Exercise.PhaseKind.DISCUSSION;
    }
    if (title.contains("갤러리") || title.toLowerCase(java.util.Locale.ROOT).contains("gallery")) {
      return Exercise.PhaseKind.GALLERY;
    }
    return title.contains("발표") ? Exercise.PhaseKind.PRESENTATION : Exercise.PhaseKind.OTHER;
  }

  private void read(Node block, Reading reading) {
    if (reading == Reading.SCENARIO && (block instanceof Paragraph || block instanceof BlockQuote)) {
      scenario.add(Markdown.text(block));
    } else if (reading == Reading.CONDITIONS && block instanceof ListBlock list) {
      conditions.addAll(Markdown.items(list));
    } else if (reading == Reading.PROMPTS && block instanceof ListBlock list) {
      List<String> items = Markdown.items(list);
      List<org.commonmark.node.ListItem> nodes = Markdown.listItems(list);
      for (int i = 0; i < items.size(); i++) {
        PromptLabels.Split split = PromptLabels.split(items.get(i));
        String text = split.text();
        int line = nodes.size() == items.size() ? Markdown.line(nodes.get(i)) : Markdown.line(list);
        String label = split.label().orElse(null);
        if (label != null && (label.isEmpty() || label.codePointCount(0, label.length()) > PromptLabels.MAX_CHARS)) {
          report.error(line, "a prompt's short label (in braces at its end, e.g. {장애물}) needs 1 to "
              + PromptLabels.MAX_CHARS + " characters, got '" + label + "'");
          label = null;
        }
        Exercise.PromptKind kind = text.contains("로드맵") || text.contains("단계")
            ? Exercise.PromptKind.STEPS
            : Exercise.PromptKind.LIST;
        prompts.add(new Exercise.Prompt("p" + (prompts.size() + 1), text, kind, label));
      }
    } else {
      report.unread(block, switch (reading) {
        case SCENARIO -> "the scenario is the quoted line under ### 시나리오 분석";
        case CONDITIONS -> "the given conditions are the list items under #### 주어진 조건";
        case PROMPTS -> "the prompts are the items of the numbered list of the discussion phase";
        case PHASE_TEXT -> "only a discussion phase (### ...토론... (N분)) holds text: its prompts";
        case NOTHING -> "in the exercise, text belongs under ### 시나리오 분석, #### 주어진 조건 or a phase";
      });
    }
  }

  private void check(HeadingInfo exercise) {
    if (phaseHeadings == 0) {
      report.error(exercise.line(), "the exercise has no phases: expected ### headings with a minute budget,"
          + " e.g. ### 그룹 토론 (5분) and ### 발표 및 피드백 (2분)");
    }
    if (prompts.isEmpty() && discussions.isEmpty()) {
      report.error(exercise.line(), "the exercise has no prompts: expected a discussion phase (a ### heading"
          + " holding 토론 with a budget, e.g. ### 그룹 토론 (5분)) with a numbered list of prompts");
    } else if (prompts.isEmpty()) {
      report.error(discussions.get(0).line(), "the discussion phase '" + discussions.get(0).title()
          + "' has no prompts: expected a numbered list under it, e.g. 1. 예상되는 장애물은?");
    }
    if (!exercise.hasBudget()) {
      report.warn(exercise.line(), "the exercise heading gives no minute budget (N분), so the phases cannot be"
          + " checked against it");
    } else if (exercise.minutes() != null && !phases.isEmpty()) {
      int sum = phases.stream().mapToInt(Exercise.Phase::minutes).sum();
      if (sum != exercise.minutes()) {
        report.warn(exercise.line(), "the phases add up to " + sum + " minutes but the exercise is given "
            + exercise.minutes() + " minutes");
      }
    }
  }

  private String scenario() {
    String text = String.join("\n", scenario).strip();
    int start = 0;
    int end = text.length();
    while (start < end && QUOTES.indexOf(text.charAt(start)) >= 0) {
      start++;
    }
    while (end > start && QUOTES.indexOf(text.charAt(end - 1)) >= 0) {
      end--;
    }
    String unquoted = text.substring(start, end).strip();
    return unquoted.isEmpty() ? null : unquoted;
  }
}
