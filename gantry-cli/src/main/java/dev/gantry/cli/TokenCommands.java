package dev.gantry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
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
      ObjectNode body = new ObjectMapper().createObjectNode();
      if (user != null) {
        body.put("user", user);
      }
      body.put("name", name);
      Arrays.stream(scopes.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(body.putArray("scopes")::add);
      if (expiresIn != null) {
        body.put("expiresIn", expiresIn);
      }
      JsonNode token = options.client().createToken(body.toString());
      System.out.println(token.path("token").asText());
      System.err.printf("token %s for %s, scopes %s, expires %s: keep the secret above, it is not shown again%n",
          token.path("id").asText(), token.path("user").asText(), ListTokens.scopes(token), token.path("expiresAt").asText("never"));
      return 0;
    }
  }

  @Command(name = "list", description = "List your tokens (an admin: everyone's), without their secrets.")
  static final class ListTokens implements Callable<Integer> {
    @Mixin ClientOptions options;

    @Override
    public Integer call() {
      System.out.printf(ROW, "ID", "USER", "NAME", "SCOPES", "EXPIRES", "REVOKED");
      for (JsonNode token : options.client().tokens()) {
        System.out.printf(ROW, token.path("id").asText(), token.path("user").asText(), token.path("name").asText(),
            scopes(token),
            token.path("expiresAt").asText("never"), token.path("revokedAt").asText("-"));
      }
      return 0;
    }

    private static String scopes(JsonNode token) {
      StringBuilder out = new StringBuilder();
      token.path("scopes").forEach(s -> out.append(out.isEmpty() ? "" : ",").append(s.asText()));
      return out.toString();
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
