package org.citewatch.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.SameSite;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.citewatch.store.StoreBusyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code citewatch serve}: the review loop in a browser, over the same store a run writes. Pages
 * are server-rendered by jte, which escapes every value for where it stands; there is no script
 * at all, and a Content-Security-Policy says so to the browser. Reads come from the journal
 * ({@link Ledger}); the store's lock is taken only to acknowledge or verify, as the commands do.
 */
public final class WebApp implements AutoCloseable {

  static final String SESSION = "citewatch_session";
  static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
      + "frame-ancestors 'none'; base-uri 'none'";
  private static final Logger log = LoggerFactory.getLogger(WebApp.class);
  private static final Duration FAILED_LOGIN_DELAY = Duration.ofSeconds(1);

  private final Javalin app;

  private WebApp(Javalin app) {
    this.app = app;
  }

  /** Starts serving; {@code port} 0 picks a free one ({@link #port()} says which). */
  public static WebApp start(Path storeDir, Path configFile, String bind, int port, Clock clock) {
    Review review = new Review(storeDir, configFile, clock);
    Sessions sessions = new Sessions(clock);
    Users users = new Users(storeDir);
    TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);
    Javalin app = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.startup.showOldJavalinVersionWarning = false;
      config.routes.before(ctx -> {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Cache-Control", "no-store");
      });
      Routes routes = new Routes(review, sessions, users, templates, clock);
      routes.register(config.routes);
      config.routes.exception(ForbiddenResponse.class, (e, ctx) -> ctx.status(403).contentType("text/plain")
          .result("403 Forbidden: " + e.getMessage()));
      config.routes.exception(StoreBusyException.class, (e, ctx) -> ctx.status(503).contentType("text/plain")
          .result("the store is busy: " + e.getMessage() + "; try again in a moment"));
      config.routes.exception(IllegalArgumentException.class, (e, ctx) -> ctx.status(400).contentType("text/plain")
          .result(e.getMessage()));
      config.routes.exception(IOException.class, (e, ctx) -> {
        log.error("serve: {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
        ctx.status(500).contentType("text/plain").result("the store could not be read: " + e.getMessage());
      });
    });
    app.start(bind, port);
    return new WebApp(app);
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }

  /** The session cookie: HttpOnly, SameSite=Strict, and Secure when the browser came over TLS. */
  static void startSession(Context ctx, String id) {
    Cookie cookie = new Cookie(SESSION, id, "/", (int) Sessions.LIFETIME.toSeconds(), secure(ctx), true, null,
        SameSite.STRICT);
    cookie.setHttpOnly(true);
    ctx.cookie(cookie);
  }

  static void endSession(Context ctx) {
    Cookie cookie = new Cookie(SESSION, "", "/", 0, secure(ctx), true, null, SameSite.STRICT);
    cookie.setHttpOnly(true);
    ctx.cookie(cookie);
  }

  /** Over TLS, directly or through a reverse proxy that says so. */
  static boolean secure(Context ctx) {
    return ctx.scheme().equals("https") || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
  }

  static void delayFailedLogin() {
    try {
      Thread.sleep(FAILED_LOGIN_DELAY.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static String render(TemplateEngine templates, String name, Object page) {
    StringOutput out = new StringOutput();
    templates.render(name + ".jte", page, out);
    return out.toString();
  }

  static Optional<String> form(Context ctx, String name) {
    return Optional.ofNullable(ctx.formParam(name)).map(String::strip).filter(s -> !s.isEmpty());
  }
}
