package org.citewatch.store;

import java.io.IOException;

/** Another citewatch holds the store's lock. */
public final class StoreBusyException extends IOException {

  private static final long serialVersionUID = 1L;

  public StoreBusyException(String message) {
    super(message);
  }
}
