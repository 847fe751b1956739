package dev.breakout.server.analytics;

import dev.breakout.content.Exercise;
import dev.breakout.server.analytics.ExerciseAnalytics.ClassFigures;
import dev.breakout.server.analytics.ExerciseAnalytics.GroupFigures;
import dev.breakout.server.analytics.ExerciseAnalytics.HelpWait;
import dev.breakout.server.analytics.ExerciseAnalytics.Member;
import dev.breakout.server.analytics.ExerciseAnalytics.PromptBalance;
import dev.breakout.server.analytics.ExerciseAnalytics.ReactedCard;
import dev.breakout.server.analytics.ExerciseAnalytics.Spread;
import dev.breakout.server.room.Card;
import dev.breakout.server.room.Event;
import dev.breakout.server.room.Logged;
import dev.breakout.server.room.Seat;
import dev.breakout.server.room.WorkshopPlan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes {@link ExerciseAnalytics} as a fold over the groups' logs with their times. Pure: the
 * same logs give the same figures, live (a log so far) or afterwards.
 */
public final class AnalyticsFold {
  private AnalyticsFold() {}

  public static ExerciseAnalytics of(WorkshopPlan plan, Map<String, List<Logged>> logs, List<Seat> seats) {
    List<String> promptIds = plan.prompts().stream().map(Exercise.Prompt::id).toList();
    Long startedAt = null;
    for (List<Logged> log : logs.values()) {
      for (Logged l : log) {
        if (l.event() instanceof Event.PhaseChanged p && p.clock().phaseIndex() == 0) {
          startedAt = startedAt == null ? l.at() : Math.min(startedAt, l.at());
          break;
        }
      }
    }
    List<GroupFigures> groups = new ArrayList<>();
    List<ReactedCard> reacted = new ArrayList<>();
    Set<String> writers = new HashSet<>();
    for (WorkshopPlan.GroupInfo g : plan.groups()) {
      GroupFold fold = new GroupFold(g.id(), promptIds);
      logs.getOrDefault(g.id(), List.of()).forEach(fold::apply);
      groups.add(fold.figures(g.id(), g.name(), startedAt));
      writers.addAll(fold.contributors);
      fold.reacted(g.id(), reacted);
    }
    reacted.sort(Comparator.comparingInt(ReactedCard::total).reversed());
    return new ExerciseAnalytics(startedAt, groups, whole(promptIds, groups, seats, writers), reacted);
  }

  private static ClassFigures whole(List<String> promptIds, List<GroupFigures> groups, List<Seat> seats,
      Set<String> writers) {
    List<GroupFigures> active = groups.stream().filter(g -> !g.members().isEmpty()).toList();
    List<PromptBalance> prompts = new ArrayList<>();
    List<String> mostlyEmpty = new ArrayList<>();
    for (String p : promptIds) {
      int cards = 0;
      int with = 0;
      for (GroupFigures g : active) {
        int n = g.cardsPerPrompt().getOrDefault(p, 0);
        cards += n;
        with += n > 0 ? 1 : 0;
      }
      int empty = active.size() - with;
      prompts.add(new PromptBalance(p, cards, with, empty));
      if (!active.isEmpty() && empty * 2 > active.size()) {
        mostlyEmpty.add(p);
      }
    }
    List<String> silent = seats.stream().filter(s -> !writers.contains(s.studentId())).map(Seat::name).toList();
    List<Long> firsts = active.stream().map(GroupFigures::firstCardMs).filter(java.util.Objects::nonNull)
        .sorted().toList();
    int without = (int) active.stream().filter(g -> g.firstCardAt() == null).count();
    Spread spread = firsts.isEmpty() ? new Spread(0, without, null, null, null)
        : new Spread(firsts.size(), without, firsts.get(0), firsts.get((firsts.size() - 1) / 2),
            firsts.get(firsts.size() - 1));
    return new ClassFigures(active.size(), prompts, mostlyEmpty, seats.size(), silent, spread);
  }

  /** One group's log, folded for its figures. */
  private static final class GroupFold {
    private final Map<String, Member> members = new LinkedHashMap<>();
    private final Map<String, Card> cards = new LinkedHashMap<>();
    private final Map<String, Integer> perPrompt = new LinkedHashMap<>();
    private final Set<String> contributors = new LinkedHashSet<>();
    private final List<long[]> help = new ArrayList<>();
    private final Map<String, int[]> reactions = new LinkedHashMap<>();
    private final String groupId;
    private Long firstCardAt;
    private int edits;
    private int lateEdits;
    private Long submittedAt;

    GroupFold(String groupId, List<String> promptIds) {
      this.groupId = groupId;
      promptIds.forEach(p -> perPrompt.put(p, 0));
    }

    void apply(Logged l) {
      Event e = l.event();
      if (e instanceof Event.StudentJoined j) {
        members.put(j.studentId(), new Member(j.studentId(), j.name()));
      } else if (e instanceof Event.StudentLeft left) {
        members.remove(left.studentId());
      } else if (e instanceof Event.CardAdded a) {
        cards.put(a.card().cardId(), a.card());
        perPrompt.merge(a.card().prompt(), 1, Integer::sum);
        contributors.add(a.card().authorId());
        if (firstCardAt == null) {
          firstCardAt = l.at();
        }
        lateEdits += a.card().late() ? 1 : 0;
      } else if (e instanceof Event.CardEdited ed) {
        edits++;
        lateEdits += ed.late() ? 1 : 0;
        contributors.add(ed.editorId());
        Card c = cards.get(ed.cardId());
        if (c != null) {
          cards.put(c.cardId(), new Card(c.cardId(), c.prompt(), ed.text(), ed.label(), c.authorId(),
              c.authorName(), ed.version(), c.late() || ed.late(), c.createdAt(), l.at()));
        }
      } else if (e instanceof Event.CardDeleted d) {
        lateEdits += d.late() ? 1 : 0;
        Card c = cards.remove(d.cardId());
        if (c != null) {
          perPrompt.merge(c.prompt(), -1, Integer::sum);
        }
      } else if (e instanceof Event.CardMoved m) {
        lateEdits += m.late() ? 1 : 0;
      } else if (e instanceof Event.SubmissionChanged s) {
        submittedAt = s.submitted() ? Long.valueOf(l.at()) : null;
      } else if (e instanceof Event.HelpRequested) {
        help.add(new long[] {l.at(), -1});
      } else if (e instanceof Event.ReactionChanged r && r.cardGroupId().equals(groupId)) {
        // The card's own group's log holds every reaction to it; the reactor's copy is skipped.
        reactions.put(r.cardId(), new int[] {r.agree(), r.newToMe()});
      } else if (e instanceof Event.HelpCleared) {
        help.stream().filter(h -> h[1] < 0).forEach(h -> h[1] = l.at() - h[0]);
      }
    }

    GroupFigures figures(String groupId, String name, Long startedAt) {
      List<String> silent = members.values().stream().filter(m -> !contributors.contains(m.studentId()))
          .map(Member::name).toList();
      List<HelpWait> waits = help.stream().map(h -> new HelpWait(h[0], h[1] < 0 ? null : h[1])).toList();
      return new GroupFigures(groupId, name, firstCardAt, since(startedAt, firstCardAt), perPrompt,
          List.copyOf(members.values()), List.copyOf(contributors), silent, edits, lateEdits, waits, submittedAt,
          since(startedAt, submittedAt));
    }

    void reacted(String groupId, List<ReactedCard> into) {
      reactions.forEach((cardId, counts) -> {
        Card c = cards.get(cardId);
        if (c != null && counts[0] + counts[1] > 0) {
          into.add(new ReactedCard(groupId, cardId, c.prompt(), c.text(), c.authorName(), counts[0], counts[1]));
        }
      });
    }

    private static Long since(Long start, Long at) {
      return start == null || at == null ? null : at - start;
    }
  }
}
