package org.citewatch.web;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.citewatch.model.Digests;
import org.citewatch.store.Json;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * The people who may use {@code citewatch serve}, kept in the store as users.json (owner-only):
 * each name, role, an Argon2id hash of the password, and the SHA-256 of each API token (a token is
 * 256 random bits, so a fast hash is enough; a password is not, so it gets a slow, salted one).
 */
public final class Users {

  public static final String FILE = "users.json";
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  private static final SecureRandom RANDOM = new SecureRandom();
  // OWASP's Argon2id minimum: 19 MiB, 2 iterations, 1 lane
  private static final Argon2PasswordEncoder HASHER = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);

  public enum Role {
    /** Reads every page. */
    VIEWER,
    /** Also acknowledges alerts and verifies programs. */
    MAINTAINER;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** One user as users.json keeps them. */
  public record User(String name, Role role, String passwordHash, List<String> tokenHashes) {
    public User {
      tokenHashes = List.copyOf(tokenHashes);
    }
  }

  private final Path file;

  public Users(Path storeDir) {
    this.file = storeDir.resolve(FILE);
  }

  public List<User> all() throws IOException {
    if (!Files.exists(file)) {
      return List.of();
    }
    return Json.MAPPER.readValue(Files.readString(file, StandardCharsets.UTF_8), new TypeReference<List<User>>() {});
  }

  public Optional<User> find(String name) throws IOException {
    return all().stream().filter(u -> u.name().equals(name)).findFirst();
  }

  /** @throws IllegalArgumentException for a name that is not one, or a password too short to be one */
  public void add(String name, Role role, String password) throws IOException {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("'" + name
          + "' is not a user name: lower-case letters, digits, '.', '_' and '-', "
          + "at most 64");
    }
    if (password.length() < 10) {
      throw new IllegalArgumentException("the password is " + password.length() + " characters; use at least 10");
    }
    List<User> users = new ArrayList<>(all());
    Optional<User> old = users.stream().filter(u -> u.name().equals(name)).findFirst();
    users.removeIf(u -> u.name().equals(name));
    users.add(new User(name, role, HASHER.encode(password), old.map(User::tokenHashes).orElse(List.of())));
    write(users);
  }

  /** @return whether there was such a user */
  public boolean remove(String name) throws IOException {
    List<User> users = new ArrayList<>(all());
    boolean removed = users.removeIf(u -> u.name().equals(name));
    if (removed) {
      write(users);
    }
    return removed;
  }

  /** A new API token for the user, shown once; only its digest is kept. */
  public String newToken(String name) throws IOException {
    List<User> users = new ArrayList<>(all());
    User user = users.stream().filter(u -> u.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no user '" + name + "'; citewatch user add " + name
            + " first"));
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String token = "cw_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    List<String> hashes = new ArrayList<>(user.tokenHashes());
    hashes.add(tokenHash(token));
    users.set(users.indexOf(user), new User(user.name(), user.role(), user.passwordHash(), hashes));
    write(users);
    return token;
  }

  /** The user whose password this is; the same slow hash runs for an unknown name, so timing tells nothing. */
  public Optional<User> login(String name, String password) throws IOException {
    Optional<User> user = find(name);
    boolean matches = HASHER.matches(password, user.map(User::passwordHash).orElse(DUMMY));
    return matches ? user : Optional.empty();
  }

  public Optional<User> byToken(String token) throws IOException {
    String hash = tokenHash(token);
    return all().stream().filter(u -> u.tokenHashes().contains(hash)).findFirst();
  }

  private static final String DUMMY = HASHER.encode("not a password of anyone's");

  private static String tokenHash(String token) {
    return Digests.hex(token.getBytes(StandardCharsets.UTF_8));
  }

  private void write(List<User> users) throws IOException {
    Path tmp = file.resolveSibling(FILE + ".tmp");
    Files.writeString(tmp, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(users) + "\n",
        StandardCharsets.UTF_8);
    try {
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: its own permissions apply
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
