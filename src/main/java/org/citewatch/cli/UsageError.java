package org.citewatch.cli;

/**
 * A mistake in how citewatch was called that is found only once a command runs (a --store with no
 * store in it, say): the command prints the message and exits 2, as for a mistake picocli finds.
 */
final class UsageError extends RuntimeException {

  UsageError(String message) {
    super(message, null, false, false);
  }
}
