package org.citewatch.cli;


/** The {@code citewatch} executable. The only place that calls System.exit. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(CitewatchCommand.commandLine(args).execute(args));
  }
}
