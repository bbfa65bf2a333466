package org.citewatch.store;

import java.io.IOException;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Optional;

/** Seals the journal's head with the store's signing key, once one is given; without a key it does nothing. */
final class Sealer {

  private final Journal journal;
  private Optional<KeyPair> sealing = Optional.empty();

  Sealer(Journal journal) {
    this.journal = journal;
  }

  void use(KeyPair key) {
    sealing = Optional.of(key);
  }

  /** Signs the journal's head as it stands, in a line of its own. */
  void seal(Instant at) throws IOException {
    if (sealing.isEmpty()) {
      return;
    }
    long line = journal.line();
    String sha = journal.head();
    journal.append(new Event.Sealed(line, sha, Seals.fingerprint(sealing.get().getPublic()),
        Seals.sign(sealing.get().getPrivate(), line, sha)), at);
  }
}
