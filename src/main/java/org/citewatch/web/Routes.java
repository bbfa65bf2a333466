package org.citewatch.web;

import gg.jte.TemplateEngine;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.citewatch.model.Alert;
import org.citewatch.model.Attribution;
import org.citewatch.report.AlertView;
import org.citewatch.schedule.Verification;
import org.citewatch.store.Auditor;
import org.citewatch.store.Json;
import org.citewatch.store.Records;

/**
 * The pages and the API of {@code citewatch serve}. Every page but the login needs a session (or,
 * for the API and the feed, a user's token); every POST needs a maintainer and, from a browser
 * session, the session's CSRF token.
 */
final class Routes {

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");
  private static final Pattern ALERT_ID = Pattern.compile("[0-9a-f]{4,64}");

  private final Review review;
  private final Sessions sessions;
  private final Users users;
  private final TemplateEngine templates;
  private final Clock clock;

  Routes(Review review, Sessions sessions, Users users, TemplateEngine templates, Clock clock) {
    this.review = review;
    this.sessions = sessions;
    this.users = users;
    this.templates = templates;
    this.clock = clock;
  }

  void register(RoutesConfig routes) {
    routes.get("/style.css", ctx -> ctx.contentType("text/css; charset=utf-8").result(Style.CSS));
    routes.get("/login", ctx -> html(ctx, "login", new Views.LoginPage(Optional.empty())));
    routes.post("/login", this::login);
    routes.post("/logout", ctx -> {
      Sessions.Session session = session(ctx);
      requireCsrf(ctx, session);
      sessions.end(ctx.cookie(WebApp.SESSION));
      WebApp.endSession(ctx);
      ctx.redirect("/login", HttpStatus.SEE_OTHER);
    });
    reviewPages(routes);
    snapshots(routes);
    api(routes);
    apiWrites(routes);
  }

  /** The alerts, programs and sources a maintainer reviews, and what they record there. */
  private void reviewPages(RoutesConfig routes) {
    routes.get("/", ctx -> page(ctx, layout -> html(ctx, "alerts", review.alertsPage(layout))));
    routes.get("/alerts/{id}", ctx -> page(ctx, layout -> html(ctx, "alert",
        review.alertPage(layout, alertId(ctx)).orElseThrow(() -> new NotFoundResponse("no such alert")))));
    routes.post("/alerts/{id}/ack", ctx -> {
      Sessions.Session session = maintainer(ctx);
      requireCsrf(ctx, session);
      review.acknowledge(alertId(ctx), who(session.user(), ctx));
      ctx.redirect("/alerts/" + alertId(ctx), HttpStatus.SEE_OTHER);
    });
    routes.get("/programs/{id}", ctx -> page(ctx, layout -> html(ctx, "program",
        review.programPage(layout, id(ctx)).orElseThrow(() -> new NotFoundResponse("no such program")))));
    routes.post("/programs/{id}/verify", ctx -> {
      Sessions.Session session = maintainer(ctx);
      requireCsrf(ctx, session);
      review.verify(id(ctx), who(session.user(), ctx),
          WebApp.form(ctx, "accept").isPresent());
      ctx.redirect("/programs/" + id(ctx), HttpStatus.SEE_OTHER);
    });
    routes.get("/sources/{id}", ctx -> page(ctx, layout -> html(ctx, "source", review.sourcePage(layout, id(ctx),
        Optional.ofNullable(ctx.queryParam("from")), Optional.ofNullable(ctx.queryParam("to")))
        .orElseThrow(() -> new NotFoundResponse("no such source")))));
  }

  /** The evidence: a snapshot's text and body, the runs, the audit. */
  private void snapshots(RoutesConfig routes) {
    routes.get("/snapshots/{id}/text", ctx -> {
      session(ctx);
      Records.SnapshotEntry snapshot = snapshot(ctx);
      ctx.contentType("text/plain; charset=utf-8").result(review.text(snapshot));
    });
    routes.get("/snapshots/{id}/raw", ctx -> {
      session(ctx);
      Records.SnapshotEntry snapshot = snapshot(ctx);
      // the body as received, never rendered: a hostile page stays bytes, with no origin of ours to act in
      ctx.header("Content-Security-Policy", "sandbox; default-src 'none'");
      ctx.header("Content-Disposition", "attachment; filename=\"" + snapshot.id() + ".body\"");
      ctx.contentType("application/octet-stream").result(review.records().rawBody(snapshot));
    });
    routes.get("/runs", ctx -> page(ctx, layout -> html(ctx, "runs", review.runsPage(layout))));
    routes.get("/audit", ctx -> {
      session(ctx);
      Auditor.Report report = new Auditor(review.storeDir()).run();
      ctx.contentType("text/plain; charset=utf-8").result((report.ok() ? "audit OK: " : "audit FAILED: ")
          + report.journalLines() + " journal lines, " + report.records() + " WARC records\n"
          + String.join("\n", report.problems()) + "\n");
    });
  }

  private void api(RoutesConfig routes) {
    routes.get("/api/alerts", ctx -> {
      apiUser(ctx);
      json(ctx, AlertView.json(review.openAlerts(), Set.of()));
    });
    routes.get("/api/alerts/{id}", ctx -> {
      apiUser(ctx);
      Alert alert = review.ledger().alert(alertId(ctx)).orElseThrow(() -> new NotFoundResponse("no such alert"));
      var node = AlertView.json(alert, false);
      var notes = node.putArray("notes");
      review.ledger().notes(alert.id()).forEach(n -> notes.addObject().put("at", n.at().toString())
          .put("event", n.event()).put("by", n.by().orElse(null)).put("note", n.note().orElse(null)));
      json(ctx, node);
    });
    routes.get("/api/programs", ctx -> {
      apiUser(ctx);
      json(ctx, Json.MAPPER.valueToTree(review.programs()));
    });
    routes.get("/api/programs/{id}", ctx -> {
      apiUser(ctx);
      json(ctx, Json.MAPPER.valueToTree(review.programPage(new Views.Layout("", "", "", "", false), id(ctx))
          .map(Review::programJson).orElseThrow(() -> new NotFoundResponse("no such program"))));
    });
    routes.get("/api/sources", ctx -> {
      apiUser(ctx);
      json(ctx, Json.MAPPER.valueToTree(review.sources()));
    });
    routes.get("/api/sources/{id}/history", ctx -> {
      apiUser(ctx);
      json(ctx, Json.MAPPER.valueToTree(review.ledger().checks(id(ctx))));
    });
  }

  /** What an API token of a maintainer may record, and the feed a token reads. */
  private void apiWrites(RoutesConfig routes) {
    routes.post("/api/alerts/{id}/ack", ctx -> {
      Users.User user = apiMaintainer(ctx);
      Alert alert = review.acknowledge(alertId(ctx), who(user.name(), ctx));
      json(ctx, AlertView.json(alert, false));
    });
    routes.post("/api/programs/{id}/verify", ctx -> {
      Users.User user = apiMaintainer(ctx);
      Verification.Outcome outcome = review.verify(id(ctx), who(user.name(), ctx),
          WebApp.form(ctx, "accept").isPresent());
      var node = Json.MAPPER.createObjectNode();
      node.set("resolved", AlertView.json(outcome.resolved(), Set.of()));
      node.set("still_open", AlertView.json(outcome.stillOpen(), Set.of()));
      json(ctx, node);
    });
    routes.get("/feed.atom", ctx -> {
      String token = ctx.queryParam("token");
      if (token == null || users.byToken(token).isEmpty()) {
        throw new ForbiddenResponse("the feed needs ?token= (citewatch user token NAME)");
      }
      ctx.contentType("application/atom+xml; charset=utf-8").result(Feed.atom(review.openAlerts(), clock.instant(),
          ctx.url().replaceAll("\\?.*", "")));
    });
  }

  /** Who acts, now, with the note the form gave: what the journal line of their decision names. */
  private Attribution who(String user, Context ctx) {
    return new Attribution(user, clock.instant(), WebApp.form(ctx, "note"));
  }

  @FunctionalInterface
  private interface PageBody {
    void render(Views.Layout layout) throws IOException;
  }

  /** A page for a logged-in user; without a session, the login page. */
  private void page(Context ctx, PageBody body) throws IOException {
    Optional<Sessions.Session> session = sessions.find(ctx.cookie(WebApp.SESSION));
    if (session.isEmpty()) {
      ctx.redirect("/login", HttpStatus.SEE_OTHER);
      return;
    }
    Sessions.Session s = session.get();
    body.render(new Views.Layout(title(ctx.path()), s.user(), s.role().label(), s.csrf(), s.maintainer()));
  }

  /** "/alerts/0e8d…" reads "alert 0e8d…" in the browser's tab. */
  static String title(String path) {
    String[] parts = path.replaceAll("^/+|/+$", "").split("/");
    return switch (parts[0]) {
      case "" -> "open alerts";
      case "alerts", "programs", "sources" -> parts[0].substring(0, parts[0].length() - 1)
          + (parts.length > 1 ? " " + parts[1] : "");
      default -> parts[0];
    };
  }

  private void login(Context ctx) throws IOException {
    String name = Optional.ofNullable(ctx.formParam("username")).orElse("").strip();
    String password = Optional.ofNullable(ctx.formParam("password")).orElse("");
    Optional<Users.User> user = users.login(name, password);
    if (user.isEmpty()) {
      WebApp.delayFailedLogin();
      ctx.status(401);
      html(ctx, "login", new Views.LoginPage(Optional.of("That user name and password do not match.")));
      return;
    }
    WebApp.startSession(ctx, sessions.start(user.get()));
    ctx.redirect("/", HttpStatus.SEE_OTHER);
  }

  private Sessions.Session session(Context ctx) {
    return sessions.find(ctx.cookie(WebApp.SESSION)).orElseThrow(() -> new ForbiddenResponse("log in first"));
  }

  private Sessions.Session maintainer(Context ctx) {
    Sessions.Session session = session(ctx);
    if (!session.maintainer()) {
      throw new ForbiddenResponse(session.user() + " is a viewer; only maintainers acknowledge and verify");
    }
    return session;
  }

  private static void requireCsrf(Context ctx, Sessions.Session session) {
    String offered = Optional.ofNullable(ctx.formParam("csrf")).orElse(ctx.header("X-CSRF-Token"));
    if (!session.csrfMatches(offered)) {
      throw new ForbiddenResponse("the form's CSRF token is missing or wrong; reload the page and try again");
    }
  }

  /** The API's caller: a bearer token, or a browser session (whose POSTs carry its CSRF token). */
  private Users.User apiUser(Context ctx) throws IOException {
    String authorization = ctx.header("Authorization");
    if (authorization != null && authorization.startsWith("Bearer ")) {
      return users.byToken(authorization.substring(7).strip())
          .orElseThrow(() -> new ForbiddenResponse("unknown token"));
    }
    Sessions.Session session = session(ctx);
    if (ctx.method().name().equals("POST")) {
      requireCsrf(ctx, session);
    }
    return users.find(session.user()).orElseThrow(() -> new ForbiddenResponse("the user was removed"));
  }

  private Users.User apiMaintainer(Context ctx) throws IOException {
    Users.User user = apiUser(ctx);
    if (user.role() != Users.Role.MAINTAINER) {
      throw new ForbiddenResponse(user.name() + " is a viewer; only maintainers acknowledge and verify");
    }
    return user;
  }

  private Records.SnapshotEntry snapshot(Context ctx) throws IOException {
    return review.ledger().snapshot(alertId(ctx)).orElseThrow(() -> new NotFoundResponse("no such capture"));
  }

  private static String id(Context ctx) {
    String id = ctx.pathParam("id");
    if (!ID.matcher(id).matches()) {
      throw new NotFoundResponse("no such id");
    }
    return id;
  }

  private static String alertId(Context ctx) {
    String id = ctx.pathParam("id");
    if (!ALERT_ID.matcher(id).matches()) {
      throw new NotFoundResponse("no such id");
    }
    return id;
  }

  private void html(Context ctx, String template, Object page) {
    ctx.contentType("text/html; charset=utf-8").result(WebApp.render(templates, template, page)
        .getBytes(StandardCharsets.UTF_8));
  }

  private static void json(Context ctx, Object node) throws IOException {
    ctx.contentType("application/json; charset=utf-8")
        .result(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n");
  }
}
