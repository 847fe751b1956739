package dev.breakout.content;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;

/** Reads a numbered {@code ## N. group} section: each {@code ###} is a case study, each {@code ####} a subsection. */
final class CaseStudies {

  private static final String METRICS_MARK = "성과";

  private final Outline outline;
  private final Report report;

  CaseStudies(Outline outline, Report report) {
    this.outline = outline;
    this.report = report;
  }

  List<Session.CaseStudy> read(Outline.Part section, String group) {
    Outline.Parts studies = outline.split(section.body(), 3);
    studies.preamble().forEach(block -> report.unread(block,
        "in a case-study section, text belongs under a ### case-study heading"));
    List<Session.CaseStudy> caseStudies = new ArrayList<>();
    for (Outline.Part study : studies.parts()) {
      Session.CaseStudy caseStudy = caseStudy(study, group);
      if (caseStudy != null) {
        caseStudies.add(caseStudy);
      }
    }
    return caseStudies;
  }

  private Session.CaseStudy caseStudy(Outline.Part study, String group) {
    String heading = study.heading().title();
    int colon = heading.indexOf(':');
    String company = (colon < 0 ? heading : heading.substring(0, colon)).strip();
    String subtitle = colon < 0 ? null : heading.substring(colon + 1).strip();
    if (company.isEmpty()) {
      if (!heading.isEmpty()) {
        report.error(study.heading().line(), "expected a company name before the colon: ### Company: subtitle");
      }
      return null;
    }
    Outline.Parts parts = outline.split(study.body(), 4);
    List<Session.Subsection> subsections = new ArrayList<>();
    List<Session.Metric> metrics = new ArrayList<>();
    List<String> leading = items(parts.preamble());
    if (!leading.isEmpty()) {
      subsections.add(new Session.Subsection(null, leading));
    }
    for (Outline.Part part : parts.parts()) {
      subsections.add(new Session.Subsection(part.heading().title(), items(part.body())));
      if (part.heading().title().contains(METRICS_MARK)) {
        metrics.addAll(metrics(part.body()));
      }
    }
    return new Session.CaseStudy(company, subtitle == null || subtitle.isEmpty() ? null : subtitle, group,
        subsections, metrics);
  }

  /** Every block as text items, so that nothing the author wrote under a case study is lost. */
  private static List<String> items(List<Node> blocks) {
    List<String> items = new ArrayList<>();
    for (Node block : blocks) {
      if (Markdown.isIgnorable(block)) {
        continue;
      }
      if (block instanceof ListBlock list) {
        items.addAll(Markdown.items(list));
      } else if (block instanceof BlockQuote quote) {
        items.addAll(items(Markdown.children(quote)));
      } else {
        String text = Markdown.text(block);
        if (!text.isEmpty()) {
          items.add(text);
        }
      }
    }
    return items;
  }

  private List<Session.Metric> metrics(List<Node> blocks) {
    List<Session.Metric> metrics = new ArrayList<>();
    for (Node block : blocks) {
      if (!(block instanceof ListBlock list)) {
        continue;
      }
      for (ListItem item : Markdown.listItems(list)) {
        if (!(item.getFirstChild() instanceof Paragraph paragraph)) {
          continue;
        }
        Markdown.Labelled metric = Markdown.labelled(Markdown.lines(paragraph).get(0));
        if (metric == null) {
          continue;
        }
        if (metric.label().isEmpty() || metric.value().isEmpty()) {
          report.error(Markdown.line(item), "a metric needs a label and a value: expected - **label**: value");
        } else {
          metrics.add(new Session.Metric(metric.label(), metric.value()));
        }
      }
    }
    return metrics;
  }
}
