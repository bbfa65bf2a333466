package org.citewatch.fetch;

/** Why a source could not be checked, in words a maintainer can act on. */
public record Failure(Kind kind, String message) {

  public enum Kind {
    DNS(false),
    REFUSED(true),
    RESET(true),
    CONNECT_TIMEOUT(true),
    READ_TIMEOUT(true),
    CALL_TIMEOUT(true),
    TLS(false),
    HTTP_STATUS(false),
    BOT_CHALLENGE(false),
    TOO_LARGE(false),
    REDIRECT(false),
    ROBOTS(false),
    BROKEN_BODY(true),
    NETWORK(true);

    private final boolean transientError;

    Kind(boolean transientError) {
      this.transientError = transientError;
    }

    /** Worth another attempt: the same request may well succeed a little later. */
    public boolean isTransient() {
      return transientError;
    }
  }
}
