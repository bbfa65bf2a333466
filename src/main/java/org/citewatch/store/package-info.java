/**
 * The store: WARC evidence, the hash-chained journal (one typed {@link org.citewatch.store.Event} per
 * line) and the index rebuilt from them, with audit, repair, seals, time-stamps, export and the
 * notification outbox. Every write goes through {@link org.citewatch.store.Store}. Depends on
 * {@code model}, {@code text}, {@code fetch} (exchanges) and {@code extract} (extractions).
 */
package org.citewatch.store;
