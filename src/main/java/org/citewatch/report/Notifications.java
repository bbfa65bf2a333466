package org.citewatch.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.citewatch.config.EnvironmentValues;
import org.citewatch.model.Alert;
import org.citewatch.model.AlertKind;
import org.citewatch.model.Config;
import org.citewatch.model.Notifier;
import org.citewatch.model.RunSummary;
import org.citewatch.store.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells people about a run's new alerts, once per run: a webhook (a JSON POST whose {@code text}
 * Slack and Mattermost show) and email over SMTP. A notifier that fails is logged and never fails
 * the run; its log line names the notifier and host, never a credential or a full URL.
 */
public final class Notifications {

  private static final Logger log = LoggerFactory.getLogger(Notifications.class);
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final Config config;
  private final Map<String, String> env;
  private OkHttpClient http;

  public Notifications(Config config, Map<String, String> env) {
    this.config = config;
    this.env = Map.copyOf(env);
  }

  /** What a notification's sending came to: the notifiers that accepted it, and why the others did not. */
  public record Delivery(Set<Integer> delivered, List<String> failures) {
    public Delivery {
      delivered = Set.copyOf(delivered);
      failures = List.copyOf(failures);
    }
  }

  /**
   * Sends one notification to the notifiers given by their place in settings.notify.
   *
   * @param id the notification's id (the run that raised its alerts): a receiver dedupes on it, since
   *     a notification whose sending a kill cut short is sent again by the next run
   */
  public Delivery send(String id, RunSummary run, List<Alert> fresh, Set<Integer> to) {
    return deliver(to, notifier -> {
      if (notifier instanceof Notifier.Webhook webhook) {
        post(webhook, id, text(run, fresh), body -> {
          body.set("run", Reports.runJson(run));
          body.set("alerts", AlertView.json(fresh, Set.copyOf(fresh.stream().map(Alert::id).toList())));
        });
      } else if (notifier instanceof Notifier.Email email) {
        long critical = fresh.stream().filter(a -> a.kind().severity() == AlertKind.Severity.CRITICAL).count();
        mail(email, id, String.format(Locale.ROOT, "citewatch: %d new alert(s), %d critical", fresh.size(), critical),
            plainText(run, fresh) + "\nThe full report is report.html beside report.json.\n");
      }
    });
  }

  /**
   * One test message through every notifier ({@code citewatch notify --test}): that the channel and its secrets work.
   */
  public Delivery test(String id) {
    Set<Integer> all = new TreeSet<>();
    for (int i = 0; i < config.settings().notifiers().size(); i++) {
      all.add(i);
    }
    String text = "citewatch: a test message (citewatch notify --test); alerts from " + config.file().getFileName()
        + " will arrive here";
    return deliver(all, notifier -> {
      if (notifier instanceof Notifier.Webhook webhook) {
        post(webhook, id, SlackText.escape(text), body -> body.put("test", true));
      } else if (notifier instanceof Notifier.Email email) {
        mail(email, id, "citewatch: test message", text + "\n");
      }
    });
  }

  /** A notifier's name as status and the report show it: its kind and host, never a credential. */
  public String name(int index) {
    return describe(config.settings().notifiers().get(index));
  }

  @FunctionalInterface
  private interface Sender {
    void send(Notifier notifier) throws EnvironmentValues.Missing, IOException, MessagingException;
  }

  private Delivery deliver(Set<Integer> to, Sender sender) {
    Set<Integer> delivered = new TreeSet<>();
    List<String> failures = new ArrayList<>();
    List<Notifier> notifiers = config.settings().notifiers();
    for (int i : to) {
      if (i >= notifiers.size()) {
        continue;
      }
      Notifier notifier = notifiers.get(i);
      try {
        sender.send(notifier);
        delivered.add(i);
      } catch (EnvironmentValues.Missing | IOException | MessagingException | RuntimeException e) {
        // ERROR, not WARN: under --quiet this line is what cron mails
        log.error("notify: {} failed: {}; the next run sends it again, and the alerts are in the reports",
            describe(notifier), safe(e));
        failures.add(describe(notifier) + ": " + safe(e));
      }
    }
    return new Delivery(delivered, failures);
  }

  /** The webhook's text, as Slack and Mattermost show it: every field from a page or sources.yaml escaped. */
  String text(RunSummary run, List<Alert> fresh) {
    return lines(run, fresh, SlackText::escape);
  }

  /** The email's text/plain body: it needs no escaping, but carries no control characters either. */
  String plainText(RunSummary run, List<Alert> fresh) {
    return lines(run, fresh, Notifications::withoutControls);
  }

  private String lines(RunSummary run, List<Alert> fresh, UnaryOperator<String> escape) {
    long critical = fresh.stream().filter(a -> a.kind().severity() == AlertKind.Severity.CRITICAL).count();
    StringBuilder text = new StringBuilder(
        String.format(Locale.ROOT, "citewatch: %d new alert(s), %d critical (run %s)%n",
        fresh.size(), critical, run.id()));
    for (Alert alert : fresh) {
      String where = alert.program().flatMap(config::program).map(p -> p.name())
          .or(alert::source).orElse("");
      text.append("• ").append(alert.kind()).append(" — ").append(escape.apply(where))
          .append(alert.claim().map(c -> " / " + escape.apply(c)).orElse(""))
          .append(": ").append(escape.apply(alert.message()))
          .append(config.settings().alertUrl(alert.id()).map(url -> " " + url).orElse("")).append('\n');
    }
    return text.toString();
  }

  private static String withoutControls(String text) {
    return text.replaceAll("[\\p{Cc}&&[^\\t]]", " ");
  }

  private void post(Notifier.Webhook webhook, String id, String text, Consumer<ObjectNode> more)
      throws EnvironmentValues.Missing, IOException {
    String url = EnvironmentValues.resolve(webhook.url(), env);
    ObjectNode body = Json.MAPPER.createObjectNode().put("text", text).put("notification_id", id);
    more.accept(body);
    Request request = new Request.Builder().url(url).post(RequestBody.create(Json.MAPPER.writeValueAsBytes(body), JSON))
        .header("User-Agent", config.settings().userAgent()).build();
    if (http == null) {
      // made on first use only: most runs raise nothing new, and an HTTP client's TLS setup is not free
      http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(30)).build();
    }
    try (Response response = http.newCall(request).execute()) {
      if (!response.isSuccessful()) {
        throw new IOException("HTTP " + response.code());
      }
    }
  }

  private void mail(Notifier.Email email, String id, String subject, String body)
      throws EnvironmentValues.Missing, MessagingException {
    URI smtp;
    try {
      smtp = new URI(EnvironmentValues.resolve(email.smtp(), env));
    } catch (URISyntaxException e) {
      throw new MessagingException("the smtp address is not a URL");
    }
    boolean implicitTls = "smtps".equalsIgnoreCase(smtp.getScheme());
    String protocol = implicitTls ? "smtps" : "smtp";
    String[] credentials = smtp.getRawUserInfo() == null ? new String[0] : smtp.getRawUserInfo().split(":", 2);
    Session session = Session.getInstance(mailProperties(smtp, protocol, email.plaintextRelay(),
        credentials.length == 2));
    MimeMessage message = new MimeMessage(session);
    String from = EnvironmentValues.resolve(email.from().orElse("citewatch@" + smtp.getHost()), env);
    message.setFrom(new InternetAddress(from));
    message.setRecipients(Message.RecipientType.TO,
        InternetAddress.parse(EnvironmentValues.resolve(email.to(), env)));
    message.setSubject(subject, StandardCharsets.UTF_8.name());
    message.setText(body, StandardCharsets.UTF_8.name());
    // a receiver that keeps mail can dedupe a notification sent again after a kill
    message.setHeader("X-Citewatch-Notification", id);
    try (Transport transport = session.getTransport(protocol)) {
      if (credentials.length == 2) {
        transport.connect(smtp.getHost(), smtp.getPort(), decode(credentials[0]), decode(credentials[1]));
      } else {
        transport.connect();
      }
      transport.sendMessage(message, message.getAllRecipients());
    } catch (MessagingException e) {
      if (String.valueOf(e.getMessage()).contains("STARTTLS is required")) {
        throw new MessagingException("the server offers no STARTTLS, so neither the password nor the mail was sent; "
            + "use smtps://, a server that offers STARTTLS, or plaintext_relay: true for a relay on this machine");
      }
      throw e;
    }
  }

  /** The session's settings: TLS required unless the relay is on this machine, timeouts, auth with credentials. */
  private static Properties mailProperties(URI smtp, String protocol, boolean plaintextRelay, boolean auth) {
    boolean implicitTls = protocol.equals("smtps");
    Properties props = new Properties();
    props.put("mail." + protocol + ".host", smtp.getHost());
    props.put("mail." + protocol + ".port",
        String.valueOf(smtp.getPort() > 0 ? smtp.getPort() : implicitTls ? 465 : 587));
    props.put("mail." + protocol + ".starttls.enable", "true");
    // the password and the page text only ever cross the network encrypted, unless sources.yaml
    // says the relay is on this machine
    props.put("mail." + protocol + ".starttls.required", String.valueOf(!implicitTls && !plaintextRelay));
    props.put("mail." + protocol + ".ssl.checkserveridentity", "true");
    props.put("mail." + protocol + ".connectiontimeout", "30000");
    props.put("mail." + protocol + ".timeout", "30000");
    props.put("mail." + protocol + ".auth", String.valueOf(auth));
    return props;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  /** Names the notifier by kind and host only: its URL may carry a token. */
  private static String describe(Notifier notifier) {
    if (notifier instanceof Notifier.Webhook w) {
      return "webhook to " + host(w.url());
    }
    return "email via " + host(((Notifier.Email) notifier).smtp());
  }

  private static String host(String url) {
    try {
      String host = new URI(url.replaceAll("\\$\\{[^}]*}", "x")).getHost();
      return host == null ? "(unnamed host)" : host;
    } catch (URISyntaxException e) {
      return "(unparsable address)";
    }
  }

  /** An error's message, never its cause's, which may quote a URL with its credentials. */
  private static String safe(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.replaceAll("(?i)(https?|smtps?)://\\S+", "<address>");
  }
}
