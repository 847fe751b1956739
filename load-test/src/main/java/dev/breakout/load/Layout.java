package dev.breakout.load;

import java.util.ArrayList;
import java.util.List;

/**
 * Who is where: students in groups of {@code groupSize}, groups in workshops of at most 200 (our
 * server's limit per workshop), dashboards spread round-robin over the workshops. Every contender
 * gets the same shape, so each dashboard follows the same number of groups everywhere.
 *
 * <p>Within a workshop, students are seated the way our server seats them (the group with the
 * fewest members, the first such group on a tie): the i-th student of a workshop sits in group
 * {@code i mod groups}. For our server the harness still takes the group from the join response.
 */
final class Layout {
  static final int MAX_GROUPS_PER_WORKSHOP = 200;

  final int students;
  final int groupSize;
  final int dashboards;
  final int groups;
  final int workshops;
  /** Groups in each workshop. */
  final int[] groupsIn;
  /** Students in each workshop. */
  final int[] studentsIn;
  /** Per student: its workshop, and its index among that workshop's students. */
  final int[] workshopOf;
  final int[] indexInWorkshop;
  /** Per dashboard: the workshop it follows. */
  final int[] dashboardWorkshop;

  Layout(int students, int groupSize, int dashboards) {
    this(students, groupSize, dashboards, MAX_GROUPS_PER_WORKSHOP);
  }

  Layout(int students, int groupSize, int dashboards, int maxGroupsPerWorkshop) {
    this.students = students;
    this.groupSize = groupSize;
    this.dashboards = dashboards;
    this.groups = (students + groupSize - 1) / groupSize;
    this.workshops = Math.max(1, (groups + maxGroupsPerWorkshop - 1) / maxGroupsPerWorkshop);
    groupsIn = new int[workshops];
    studentsIn = new int[workshops];
    for (int w = 0; w < workshops; w++) {
      groupsIn[w] = groups / workshops + (w < groups % workshops ? 1 : 0);
    }
    // Whole groups go to each workshop in turn, so every group but the very last is full.
    workshopOf = new int[students];
    indexInWorkshop = new int[students];
    int s = 0;
    for (int w = 0; w < workshops; w++) {
      int seats = Math.min(groupsIn[w] * groupSize, students - s);
      for (int i = 0; i < seats; i++, s++) {
        workshopOf[s] = w;
        indexInWorkshop[s] = i;
      }
      studentsIn[w] = seats;
    }
    dashboardWorkshop = new int[dashboards];
    for (int d = 0; d < dashboards; d++) {
      dashboardWorkshop[d] = d % workshops;
    }
  }

  /** The group a student sits in on the contenders that let the harness choose: {@code g1}, {@code g2}, ... */
  String plannedGroup(int student) {
    return "g" + (indexInWorkshop[student] % groupsIn[workshopOf[student]] + 1);
  }

  int dashboardsOf(int workshop) {
    int n = 0;
    for (int w : dashboardWorkshop) {
      if (w == workshop) {
        n++;
      }
    }
    return n;
  }

  List<Integer> studentsOf(int workshop) {
    List<Integer> list = new ArrayList<>();
    for (int s = 0; s < students; s++) {
      if (workshopOf[s] == workshop) {
        list.add(s);
      }
    }
    return list;
  }

  String describe() {
    int minDash = Integer.MAX_VALUE;
    int maxDash = 0;
    for (int w = 0; w < workshops; w++) {
      minDash = Math.min(minDash, dashboardsOf(w));
      maxDash = Math.max(maxDash, dashboardsOf(w));
    }
    return students + " students in " + groups + " groups of " + groupSize + " over " + workshops
        + " workshop(s), " + dashboards + " dashboards (" + (minDash == maxDash ? minDash : minDash + "-" + maxDash)
        + " per workshop)";
  }
}
