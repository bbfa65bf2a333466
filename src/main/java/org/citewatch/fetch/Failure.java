package org.citewatch.fetch;

/** Why a source could not be checked, in words a maintainer can act on. */
public record Failure(Kind kind, String message) {

  public enum Kind {
    DNS,
    REFUSED,
    RESET,
    TIMEOUT,
    TLS,
    HTTP_STATUS,
    TOO_LARGE,
    REDIRECT,
    UNSUPPORTED_TYPE,
    BROKEN_BODY,
    NETWORK
  }
}
