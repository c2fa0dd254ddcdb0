package dev.gantry.cli;

import dev.gantry.client.Token;
import dev.gantry.client.TokenRequest;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gantry token create|list|revoke}: API tokens, through {@code /auth/tokens}. */
@Command(name = "token", description = "Make, list and revoke API tokens.",
    subcommands = {TokenCommands.Create.class, TokenCommands.ListTokens.class, TokenCommands.Revoke.class})
final class TokenCommands implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "say what to do with tokens: create, list or revoke");
  }

  private static final String ROW = "%-32s  %-16s  %-24s  %-28s  %-20s  %s%n";

  @Command(name = "create", description = "Make a token and print its secret (shown this once only) on the first line.")
  static final class Create implements Callable<Integer> {
    @Mixin ClientOptions options;
    @Option(names = "--user", description = "whose token (default: the caller's own; another user's needs admin)") String user;
    @Option(names = "--name", defaultValue = "cli", description = "what the token is for (default: ${DEFAULT-VALUE})") String name;
    @Option(names = "--scopes", required = true, description = "comma-separated: jobs:read, jobs:write, admin") String scopes;
    @Option(names = "--expires-in", description = "e.g. 30d, 12h, 90m (default: until revoked)") String expiresIn;

    @Override
    public Integer call() {
      List<String> scopeNames = Arrays.stream(scopes.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
      Token token = options.client().createToken(new TokenRequest(user, name, scopeNames, expiresIn));
      System.out.println(token.secret());
      System.err.printf("token %s for %s, scopes %s, expires %s: keep the secret above, it is not shown again%n",
          token.id(), token.user(), ListTokens.scopes(token), token.expiresAt() == null ? "never" : token.expiresAt());
      return 0;
    }
  }

  @Command(name = "list", description = "List your tokens (an admin: everyone's), without their secrets.")
  static final class ListTokens implements Callable<Integer> {
    @Mixin ClientOptions options;

    @Override
    public Integer call() {
      System.out.printf(ROW, "ID", "USER", "NAME", "SCOPES", "EXPIRES", "REVOKED");
      for (Token token : options.client().tokens()) {
        System.out.printf(ROW, token.id(), token.user(), token.name(), scopes(token),
            token.expiresAt() == null ? "never" : token.expiresAt(), token.revokedAt() == null ? "-" : token.revokedAt());
      }
      return 0;
    }

    private static String scopes(Token token) {
      return token.scopes() == null ? "" : String.join(",", token.scopes());
    }
  }

  @Command(name = "revoke", description = "Revoke a token: it stops working at once.")
  static final class Revoke implements Callable<Integer> {
    @Mixin ClientOptions options;
    @Parameters(paramLabel = "ID", description = "the token's id (see gantry token list)") String id;

    @Override
    public Integer call() {
      options.client().revokeToken(id);
      System.out.println("revoked " + id);
      return 0;
    }
  }
}
