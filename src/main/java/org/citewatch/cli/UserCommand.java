package org.citewatch.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.citewatch.model.ExitCodes;
import org.citewatch.web.Users;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "user", description = "Manages who may use citewatch serve: viewers read, maintainers also acknowledge "
    + "and verify.", subcommands = {UserCommand.Add.class, UserCommand.Remove.class, UserCommand.Token.class,
        UserCommand.ListUsers.class})
final class UserCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  @Command(name = "add", description = "Adds a user, or sets an existing one's role and password.")
  static final class Add implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "NAME") String name;

    @Option(names = "--role", paramLabel = "ROLE", required = true, description = "viewer or maintainer")
    String role;

    @Option(names = "--password-stdin", required = true, description = "read the password from the first line of "
        + "standard input (never from the command line, where ps and the shell's history would keep it)")
    boolean passwordStdin;

    InputStream in = System.in;

    @Override
    public Integer call() throws IOException {
      Users.Role parsed;
      try {
        parsed = Users.Role.valueOf(role.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        spec.commandLine().getErr().println("citewatch user add: --role is viewer or maintainer, not '" + role + "'");
        return ExitCodes.USAGE;
      }
      String password = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
      if (password == null) {
        spec.commandLine().getErr().println("citewatch user add: no password on standard input; e.g. "
            + "printf '%s\\n' \"$PASSWORD\" | citewatch user add " + name + " --role " + role + " --password-stdin");
        return ExitCodes.USAGE;
      }
      Files.createDirectories(common.store);
      try {
        new Users(common.store).add(name, parsed, password);
      } catch (IllegalArgumentException e) {
        spec.commandLine().getErr().println("citewatch user add: " + e.getMessage());
        return ExitCodes.USAGE;
      }
      spec.commandLine().getOut().println("user " + name + " is a " + parsed.label() + " of " + common.store);
      return ExitCodes.OK;
    }
  }

  @Command(name = "remove", description = "Removes a user: their sessions end at their next request.")
  static final class Remove implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "NAME") String name;

    @Override
    public Integer call() throws IOException {
      if (!new Users(common.store).remove(name)) {
        spec.commandLine().getErr().println("citewatch user remove: no user '" + name + "' in " + common.store);
        return ExitCodes.FAILURE;
      }
      spec.commandLine().getOut().println("removed " + name);
      return ExitCodes.OK;
    }
  }

  @Command(name = "token", description = "Makes an API and feed token for a user and prints it once (only its digest "
      + "is kept): Authorization: Bearer TOKEN for /api/, ?token=TOKEN for /feed.atom.")
  static final class Token implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "NAME") String name;

    @Override
    public Integer call() throws IOException {
      try {
        spec.commandLine().getOut().println(new Users(common.store).newToken(name));
        return ExitCodes.OK;
      } catch (IllegalArgumentException e) {
        spec.commandLine().getErr().println("citewatch user token: " + e.getMessage());
        return ExitCodes.FAILURE;
      }
    }
  }

  @Command(name = "list", description = "Lists the users and their roles.")
  static final class ListUsers implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      new Users(common.store).all().forEach(u -> spec.commandLine().getOut()
          .println(u.name() + "  " + u.role().label()));
      return ExitCodes.OK;
    }
  }
}
