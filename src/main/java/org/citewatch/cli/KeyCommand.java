package org.citewatch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.concurrent.Callable;
import org.citewatch.model.ExitCodes;
import org.citewatch.store.Seals;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "key", description = "Makes the key that seals the journal's head.",
    subcommands = KeyCommand.Init.class)
final class KeyCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  @Command(name = "init", description = {"Makes an Ed25519 key pair: FILE (private, owner-only) and FILE.pub.",
      "Keep FILE outside the store and name it in settings.signing_key; give FILE.pub to your auditors."})
  static final class Init implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "where to write the private key")
    Path out;

    @Override
    public Integer call() throws IOException {
      PrintWriter err = spec.commandLine().getErr();
      Path pub = out.resolveSibling(out.getFileName() + ".pub");
      if (Files.exists(out) || Files.exists(pub)) {
        err.println("citewatch key init: " + (Files.exists(out) ? out : pub) + " exists; a key is never overwritten");
        return ExitCodes.USAGE;
      }
      KeyPair pair;
      try {
        pair = Seals.generate();
      } catch (GeneralSecurityException e) {
        err.println("citewatch key init: this Java has no Ed25519 (" + e.getMessage() + ")");
        return ExitCodes.FAILURE;
      }
      Seals.writePrivate(out, pair.getPrivate());
      Seals.writePublic(pub, pair.getPublic());
      PrintWriter o = spec.commandLine().getOut();
      o.println("wrote " + out + " (private: keep it outside the store; settings.signing_key: " + out + ")");
      o.println("wrote " + pub + " (public: citewatch audit --public-key " + pub + ")");
      o.println("key " + Seals.fingerprint(pair.getPublic()));
      o.print(Files.readString(pub));
      o.flush();
      return ExitCodes.OK;
    }
  }
}
