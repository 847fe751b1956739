package dev.breakout.server.room;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The fold of one group's log: what its members see, rebuilt from its events alone; mutated only by
 * {@link #apply(Logged)}.
 */
final class GroupRoom {
  private final String groupId;
  private final String name;
  private long seq;
  private final Map<String, Member> members = new LinkedHashMap<>();
  private final Map<String, List<Card>> cards = new LinkedHashMap<>();
  /** Deleted ids stay taken, so that a late retry of an add cannot bring a card back. */
  private final Set<String> deletedCardIds = new HashSet<>();
  private boolean submitted;
  private boolean help;
  private final List<GroupView.Note> feedback = new ArrayList<>();
  private long lastActivityAt;
  /** The latest time in the log, whatever wrote it. */
  private long lastAt;
  private long extraMs;
  private ClockState clock = ClockState.lobby();
  private final List<GroupView.Note> broadcasts = new ArrayList<>();
  private Event.SpotlightChanged spotlight;
  private long helpAt;
  /** The latest time a broadcast was sent at, withdrawn or not: broadcasts are named by that time. */
  private long lastBroadcastAt;
  private final Map<String, GroupView.Reaction> reactions = new LinkedHashMap<>();
  private List<Event.GroupBoard> gallery = List.of();

  GroupRoom(String groupId, String name, List<String> promptIds) {
    this.groupId = groupId;
    this.name = name;
    promptIds.forEach(p -> cards.put(p, new ArrayList<>()));
  }

  String groupId() {
    return groupId;
  }

  long seq() {
    return seq;
  }

  long extraMs() {
    return extraMs;
  }

  long lastAt() {
    return lastAt;
  }

  long lastBroadcastAt() {
    return lastBroadcastAt;
  }

  boolean hasBroadcast(long sentAt) {
    return broadcasts.stream().anyMatch(n -> n.at() == sentAt);
  }

  boolean hasMember(String studentId) {
    return members.containsKey(studentId);
  }

  int memberCount() {
    return members.size();
  }

  int cardCount() {
    return cards.values().stream().mapToInt(List::size).sum();
  }

  int cardCountBy(String authorId) {
    return (int) cards.values().stream().flatMap(List::stream).filter(c -> c.authorId().equals(authorId)).count();
  }

  boolean cardIdTaken(String cardId) {
    return deletedCardIds.contains(cardId) || card(cardId).isPresent();
  }

  Optional<Card> card(String cardId) {
    for (List<Card> list : cards.values()) {
      for (Card c : list) {
        if (c.cardId().equals(cardId)) {
          return Optional.of(c);
        }
      }
    }
    return Optional.empty();
  }

  int promptSize(String prompt) {
    return cards.get(prompt).size();
  }

  Map<String, List<Card>> board() {
    Map<String, List<Card>> copy = new LinkedHashMap<>();
    cards.forEach((p, list) -> copy.put(p, List.copyOf(list)));
    return copy;
  }

  /** The next sequence number of this group's log. */
  long nextSeq() {
    return seq + 1;
  }

  void apply(Logged logged) {
    if (logged.seq() != seq + 1) {
      throw new IllegalStateException("group " + groupId + " expects seq " + (seq + 1) + ", got " + logged.seq());
    }
    seq = logged.seq();
    long at = logged.at();
    lastAt = Math.max(lastAt, at);
    Event event = logged.event();
    // Java 17 has no pattern switch: an instanceof chain over the sealed hierarchy.
    if (event instanceof Event.StudentJoined e) {
      members.put(e.studentId(), new Member(e.studentId(), e.name(), at));
    } else if (event instanceof Event.StudentLeft e) {
      members.remove(e.studentId());
    } else if (event instanceof Event.CardAdded e) {
      cards.get(e.card().prompt()).add(e.card());
      lastActivityAt = at;
    } else if (event instanceof Event.CardEdited e) {
      replace(e.cardId(), c -> new Card(c.cardId(), c.prompt(), e.text(), e.label(), c.authorId(),
          c.authorName(), e.version(), c.late() || e.late(), c.createdAt(), at));
      lastActivityAt = at;
    } else if (event instanceof Event.CardDeleted e) {
      card(e.cardId()).ifPresent(c -> cards.get(c.prompt()).remove(c));
      deletedCardIds.add(e.cardId());
      lastActivityAt = at;
    } else if (event instanceof Event.CardMoved e) {
      card(e.cardId()).ifPresent(c -> {
        List<Card> list = cards.get(c.prompt());
        list.remove(c);
        list.add(Math.min(e.index(), list.size()), c);
      });
      lastActivityAt = at;
    } else if (event instanceof Event.SubmissionChanged e) {
      submitted = e.submitted();
      lastActivityAt = at;
    } else if (event instanceof Event.HelpRequested) {
      // A second request while one is pending keeps the first one's time: the wait started then.
      if (!help) {
        helpAt = at;
      }
      help = true;
    } else if (event instanceof Event.HelpCleared) {
      help = false;
      helpAt = 0;
    } else if (event instanceof Event.FeedbackGiven e) {
      feedback.add(new GroupView.Note(e.text(), at));
    } else if (event instanceof Event.GroupClockAdjusted e) {
      extraMs = e.extraMs();
    } else if (event instanceof Event.BroadcastSent e) {
      broadcasts.add(new GroupView.Note(e.text(), at));
      lastBroadcastAt = Math.max(lastBroadcastAt, at);
    } else if (event instanceof Event.BroadcastWithdrawn e) {
      broadcasts.removeIf(n -> n.at() == e.sentAt());
    } else if (event instanceof Event.SpotlightChanged e) {
      spotlight = e;
      clock = e.clock();
    } else if (event instanceof Event.ReactionChanged e) {
      GroupView.Reaction r = reactions.getOrDefault(e.cardId(),
          new GroupView.Reaction(e.cardGroupId(), 0, 0, List.of(), List.of()));
      reactions.put(e.cardId(), new GroupView.Reaction(e.cardGroupId(), e.agree(), e.newToMe(),
          toggled(r.agreeBy(), e, "agree"), toggled(r.newBy(), e, "new")));
    } else if (event instanceof Event.GalleryOpened e) {
      gallery = e.boards();
    } else if (event instanceof Event.WorkshopWide wide) {
      clockOf(wide).ifPresent(c -> clock = c);
    }
  }

  private static List<String> toggled(List<String> by, Event.ReactionChanged e, String kind) {
    if (!e.kind().equals(kind)) {
      return by;
    }
    List<String> out = new ArrayList<>(by);
    out.remove(e.studentId());
    if (e.on()) {
      out.add(e.studentId());
    }
    return out;
  }

  /** Whether this log holds {@code studentId}'s reaction of {@code kind} to the card. */
  boolean reacted(String cardId, String kind, String studentId) {
    GroupView.Reaction r = reactions.get(cardId);
    return r != null && ("agree".equals(kind) ? r.agreeBy() : r.newBy()).contains(studentId);
  }

  GroupView.Reaction reaction(String cardId) {
    return reactions.getOrDefault(cardId, new GroupView.Reaction(groupId, 0, 0, List.of(), List.of()));
  }

  private void replace(String cardId, java.util.function.UnaryOperator<Card> change) {
    for (List<Card> list : cards.values()) {
      for (int i = 0; i < list.size(); i++) {
        if (list.get(i).cardId().equals(cardId)) {
          list.set(i, change.apply(list.get(i)));
          return;
        }
      }
    }
  }

  GroupView view() {
    return new GroupView(groupId, name, seq, List.copyOf(members.values()), board(), submitted, help,
        List.copyOf(feedback), lastActivityAt, extraMs, clock, List.copyOf(broadcasts), spotlight, helpAt,
        Collections.unmodifiableMap(new LinkedHashMap<>(reactions)), gallery);
  }

  /** The clock a workshop-wide event carries, if it carries one. */
  static Optional<ClockState> clockOf(Event.WorkshopWide event) {
    return event instanceof Event.ClockSet set ? Optional.of(set.clock()) : Optional.empty();
  }
}
