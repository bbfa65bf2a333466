package org.citewatch.web;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.citewatch.report.Reports;

/** What each page of {@code citewatch serve} shows: plain values for the templates, which escape them. */
public final class Views {

  private Views() {}

  /** A time as people read it: to the minute, in UTC. */
  public static String when(Instant at) {
    return Reports.when(at);
  }

  /** Who is logged in, and the token every form of the page carries. */
  public record Layout(String title, String user, String role, String csrf, boolean maintainer) {}

  public record AlertRow(String id, String kind, String severity, String state, String where, String message,
      String firstSeen, String lastSeen) {}

  public record ProgramGroup(String id, String name, List<AlertRow> alerts) {}

  public record AlertsPage(Layout layout, long critical, long warning, long info, List<ProgramGroup> groups) {}

  /** A stretch of a word diff: {@code same}, {@code removed} or {@code added}. */
  public record Segment(String kind, String text) {}

  public record NoteRow(String at, String event, String by, String note) {}

  /** A program as a link: its id for the address, its name to read. */
  public record ProgramLink(String id, String name) {}

  public record AlertPage(Layout layout, AlertRow alert, List<ProgramLink> programs, Optional<String> claim,
      Optional<String> source, Optional<String> sourceUrl, List<Segment> evidence, List<NoteRow> notes,
      boolean open) {}

  public record ClaimRow(String id, String source, String quote, String figure, String tier, String state) {}

  public record ProgramPage(Layout layout, String id, String name, String lastVerified, String verifiedBy,
      String staleness, List<ClaimRow> claims, List<AlertRow> alerts) {}

  public record CheckRow(String time, String outcome, String status, String snapshot, String error) {}

  public record CaptureRow(String id, String captured) {}

  public record SourcePage(Layout layout, String id, String url, List<CheckRow> checks, List<CaptureRow> captures,
      Optional<String> from, Optional<String> to, List<Segment> diff) {}

  public record RunRow(String id, String finished, int exitCode, int checked, int changed, int failed, long open) {}

  public record RunsPage(Layout layout, String head, List<RunRow> runs) {}

  public record LoginPage(Optional<String> error) {}
}
