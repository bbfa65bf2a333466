/**
 * Fetching: polite HTTP (robots.txt, per-host delay, retries with back-off, conditional GET),
 * redirects followed by hand with the moved and private-address rules, failures named precisely,
 * and RFC 3161 time-stamp requests. Returns what happened; never writes the store. Depends on
 * {@code model}.
 */
package org.citewatch.fetch;
