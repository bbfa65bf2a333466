package org.citewatch.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logged-in sessions, in memory: a restart logs everyone out, which for a review tool is a fair
 * price for keeping no session secrets on disk. Each session has its own CSRF token.
 */
final class Sessions {

  static final Duration LIFETIME = Duration.ofHours(12);
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A session: who, as what, its CSRF token, and until when it holds. */
  record Session(String user, Users.Role role, String csrf, Instant expires) {
    boolean maintainer() {
      return role == Users.Role.MAINTAINER;
    }

    /** Compares in constant time: the token must not leak a byte at a time. */
    boolean csrfMatches(String offered) {
      return offered != null && MessageDigest.isEqual(csrf.getBytes(StandardCharsets.UTF_8),
          offered.getBytes(StandardCharsets.UTF_8));
    }
  }

  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final Clock clock;

  Sessions(Clock clock) {
    this.clock = clock;
  }

  /** Starts a session and returns its id, the cookie's value. */
  String start(Users.User user) {
    String id = random();
    sessions.put(id, new Session(user.name(), user.role(), random(), clock.instant().plus(LIFETIME)));
    return id;
  }

  Optional<Session> find(String id) {
    if (id == null) {
      return Optional.empty();
    }
    Session session = sessions.get(id);
    if (session != null && session.expires().isBefore(clock.instant())) {
      sessions.remove(id);
      return Optional.empty();
    }
    return Optional.ofNullable(session);
  }

  void end(String id) {
    if (id != null) {
      sessions.remove(id);
    }
  }

  private static String random() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
