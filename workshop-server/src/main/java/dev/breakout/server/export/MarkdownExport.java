package dev.breakout.server.export;

import dev.breakout.content.Exercise;
import dev.breakout.server.room.Card;
import dev.breakout.server.room.ClockState;
import dev.breakout.server.room.Event;
import dev.breakout.server.room.GroupView;
import dev.breakout.server.room.Logged;
import dev.breakout.server.room.WorkshopPlan;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.stream.Collectors;

/**
 * The Markdown export, to read: the workshop, its timeline, the most-reacted cards and each
 * group's answers and feedback, labels in Korean and English. User text goes through
 * {@link MarkdownText} so that it shows as text in any viewer.
 */
final class MarkdownExport {
  private MarkdownExport() {}

  static String render(WorkshopRecord r, LongFunction<String> time) {
    WorkshopPlan p = r.plan();
    StringBuilder md = new StringBuilder();
    md.append("# ").append(p.sessionTitle()).append(" — ").append(p.exerciseTitle()).append("\n\n");
    if (p.name() != null) {
      md.append("- 이름 / Name: ").append(inline(p.name())).append('\n');
    }
    md.append("- 워크숍 / Workshop: `").append(p.id()).append("` (참여 코드 / join code ").append(p.joinCode())
        .append(")\n");
    md.append("- 만든 때 / Created: ").append(time.apply(p.createdAt())).append('\n');
    md.append("- 내보낸 때 / Exported: ").append(time.apply(r.takenAt())).append('\n');
    md.append("- 현재 단계 / Phase now: ").append(phaseName(p, r.clock().phase())).append("\n\n");
    if (p.scenario() != null) {
      md.append("## 시나리오 / Scenario\n\n").append(p.scenario()).append("\n\n");
    }
    if (!p.conditions().isEmpty()) {
      md.append("주어진 조건 / Given conditions:\n\n");
      p.conditions().forEach(c -> md.append("- ").append(c).append('\n'));
      md.append('\n');
    }
    md.append("## 진행 기록 / Timeline\n\n| 시각 / Time | 사건 / Event |\n|---|---|\n");
    for (Logged l : r.timeline()) {
      md.append("| ").append(time.apply(l.at())).append(" | ").append(cell(describe(p, l, time))).append(" |\n");
    }
    md.append('\n');
    Map<String, List<String>> contributors = Exports.contributors(r);
    List<dev.breakout.server.analytics.ExerciseAnalytics.ReactedCard> reacted = AnalyticsExport.of(r).mostReacted();
    if (!reacted.isEmpty()) {
      md.append("## 반응이 많은 카드 / Most-reacted cards\n\n");
      int rank = 1;
      for (var c : reacted.subList(0, Math.min(10, reacted.size()))) {
        md.append(rank++).append(". ").append(inline(c.text())).append(" — ").append(inline(c.authorName()))
            .append(", ").append(inline(p.groups().stream().filter(x -> x.id().equals(c.groupId()))
            .map(WorkshopPlan.GroupInfo::name).findFirst().orElse(c.groupId()))).append(" (👍 ").append(c.agree()).append(" · 💡 ")
            .append(c.newToMe()).append(")\n");
      }
      md.append('\n');
    }
    for (GroupView g : r.groups()) {
      md.append("## ").append(inline(g.name())).append("\n\n");
      md.append("- 조원 / Members: ").append(g.members().isEmpty() ? "—"
          : g.members().stream().map(m -> inline(m.name())).collect(Collectors.joining(", "))).append('\n');
      md.append("- 제출 / Submitted: ").append(g.submitted() ? "예 / yes" : "아니오 / no").append('\n');
      md.append("- 마지막 활동 / Last activity: ").append(g.lastActivityAt() == 0 ? "—" : time.apply(g.lastActivityAt()))
          .append("\n\n");
      int n = 1;
      for (Exercise.Prompt prompt : p.prompts()) {
        md.append("### ").append(n++).append(". ").append(prompt.text()).append("\n\n");
        List<Card> cards = g.cards().getOrDefault(prompt.id(), List.of());
        if (cards.isEmpty()) {
          md.append("_(없음 / none)_\n\n");
          continue;
        }
        int step = 1;
        for (Card c : cards) {
          String bullet = prompt.kind() == Exercise.PromptKind.STEPS ? (step++) + ". " : "- ";
          md.append(bullet);
          if (c.label() != null) {
            md.append("**[").append(inline(c.label())).append("]** ");
          }
          md.append(inline(c.text())).append(" — ").append(inline(String.join(", ",
              Exports.authors(contributors, c))));
          if (c.late()) {
            md.append(" _(늦음 / late)_");
          }
          GroupView.Reaction re = g.reactions().get(c.cardId());
          if (re != null && re.agree() + re.newToMe() > 0) {
            md.append(" (👍 ").append(re.agree()).append(" · 💡 ").append(re.newToMe()).append(')');
          }
          md.append('\n');
        }
        md.append('\n');
      }
      if (!g.feedback().isEmpty()) {
        md.append("### 피드백 / Feedback\n\n");
        g.feedback().forEach(f -> md.append("> ").append(inline(f.text())).append(" (").append(time.apply(f.at()))
            .append(")\n\n"));
      }
    }
    return md.toString();
  }

  private static String phaseName(WorkshopPlan p, String phase) {
    return switch (phase) {
      case "lobby" -> "대기 / lobby";
      case "ended" -> "종료 / ended";
      default -> p.phases().stream().filter(ph -> ph.id().equals(phase)).map(WorkshopPlan.PhasePlan::title)
          .findFirst().orElse(phase);
    };
  }

  private static String groupName(WorkshopPlan p, String groupId) {
    return p.groups().stream().filter(g -> g.id().equals(groupId)).map(WorkshopPlan.GroupInfo::name).findFirst()
        .orElse(groupId);
  }

  private static String groupNames(WorkshopPlan p, List<String> groupIds) {
    return groupIds.stream().map(g -> groupName(p, g)).collect(Collectors.joining(", "));
  }

  private static String describe(WorkshopPlan p, Logged l, LongFunction<String> time) {
    Event e = l.event();
    String group = groupName(p, l.groupId());
    if (e instanceof Event.PhaseChanged c && "ended".equals(c.clock().kind())) {
      return "종료 / ended";
    } else if (e instanceof Event.PhaseChanged c && ClockState.Stage.READY.equals(c.clock().stage())) {
      return "단계 시작 / phase started: " + phaseName(p, c.clock().phase()) + " (발표 대기 / waiting for the start)";
    } else if (e instanceof Event.PhaseChanged c) {
      return "단계 시작 / phase started: " + phaseName(p, c.clock().phase());
    } else if (e instanceof Event.PresentationStarted) {
      return "발표 시작 / presentations started";
    } else if (e instanceof Event.PresentationWaiting w) {
      return "발표 대기: 작성 중인 조 / presentations wait for groups still writing: " + groupNames(p, w.groupIds());
    } else if (e instanceof Event.SpotlightChanged s) {
      return "발표 / presenting: " + s.groupName();
    } else if (e instanceof Event.BroadcastSent b) {
      return "공지 / broadcast: " + b.text();
    } else if (e instanceof Event.BroadcastWithdrawn w) {
      return "공지 회수 / broadcast withdrawn: " + time.apply(w.sentAt());
    } else if (e instanceof Event.ClockWarning w) {
      return "마감 경고 / end warning: " + Math.round(w.remainingMs() / 1000.0) + " s";
    } else if (e instanceof Event.HelpRequested) {
      return "도움 요청 / help requested: " + group;
    } else if (e instanceof Event.HelpCleared) {
      return "도움 해결 / help given: " + group;
    } else if (e instanceof Event.GroupClockAdjusted g) {
      return "조별 시간 조정 / time adjusted for " + group + ": " + (g.seconds() > 0 ? "+" : "") + g.seconds() + " s";
    } else if (e instanceof Event.ClockPaused) {
      return "일시정지 / paused";
    } else if (e instanceof Event.ClockResumed) {
      return "재개 / resumed";
    } else if (e instanceof Event.ClockAdjusted a) {
      return "시간 조정 / time adjusted: " + (a.seconds() > 0 ? "+" : "") + a.seconds() + " s";
    } else if (e instanceof Event.WorkshopEnded) {
      return "강사가 종료 / ended by the instructor";
    }
    return e.type();
  }

  /** User text on one Markdown line, shown as text by any viewer (see {@link MarkdownText}). */
  private static String inline(String text) {
    return MarkdownText.inline(text);
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
