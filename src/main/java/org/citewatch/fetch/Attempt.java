package org.citewatch.fetch;

import java.time.Instant;
import java.util.Optional;

/** One try at fetching a source, as the journal records it. */
public record Attempt(Instant at, Optional<Integer> status, Optional<String> error) {}
