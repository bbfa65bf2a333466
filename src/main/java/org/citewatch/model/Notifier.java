package org.citewatch.model;

/** Where new alerts are sent after a run. Values may hold {@code ${ENV}} secrets, resolved late. */
public sealed interface Notifier {

  record Webhook(String url) implements Notifier {}

  record Email(String to, String smtp) implements Notifier {}
}
