package dev.gantry.cli;

import dev.gantry.client.GantryClient;
import dev.gantry.client.Role;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gantry roles create|add|remove|list}: named groups of users that jobs' permissions name, through {@code /roles}. */
@Command(name = "roles", description = "Make roles (groups of users a job's permissions can name) and change their members"
    + " (needs an admin token).",
    subcommands = {RoleCommands.Create.class, RoleCommands.Add.class, RoleCommands.Remove.class, RoleCommands.ListRoles.class})
final class RoleCommands implements Runnable {

  private static final String ROW = "%-32s  %-28s  %s%n";

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "say what to do with roles: create, add, remove or list");
  }

  private static String members(Role role) {
    return role.members().isEmpty() ? "-" : String.join(",", role.members());
  }

  @Command(name = "create", description = "Make a role without members.")
  static final class Create implements Callable<Integer> {
    @Mixin ClientOptions options;
    @Parameters(paramLabel = "ROLE", description = "the role's name, e.g. developers") String role;

    @Override
    public Integer call() {
      Role made = options.client().createRole(role);
      System.out.println("created role " + Terminal.line(made.name()));
      return 0;
    }
  }

  @Command(name = "add", description = {"Add a user to a role.", "Example: gantry roles add developers alice"})
  static final class Add extends MemberChange {
    Add() {
      super("added %s to %s");
    }

    @Override
    Role change(GantryClient client) {
      return client.addMember(role, user);
    }
  }

  @Command(name = "remove", description = "Take a user out of a role.")
  static final class Remove extends MemberChange {
    Remove() {
      super("removed %s from %s");
    }

    @Override
    Role change(GantryClient client) {
      return client.removeMember(role, user);
    }
  }

  /** {@code ROLE USER}: one change of a role's members, said with the members it leaves. */
  abstract static class MemberChange implements Callable<Integer> {
    @Mixin ClientOptions options;
    @Parameters(index = "0", paramLabel = "ROLE") String role;
    @Parameters(index = "1", paramLabel = "USER") String user;
    private final String done;

    /** {@code done} says what was done, given the user and the role. */
    MemberChange(String done) {
      this.done = done;
    }

    abstract Role change(GantryClient client);

    @Override
    public Integer call() {
      Role now = change(options.client());
      System.out.println(Terminal.line(String.format(done, user, now.name()) + "; members: " + members(now)));
      return 0;
    }
  }

  @Command(name = "list", description = "List the roles and their members.")
  static final class ListRoles implements Callable<Integer> {
    @Mixin ClientOptions options;

    @Override
    public Integer call() {
      System.out.printf(ROW, "ROLE", "CREATED", "MEMBERS");
      for (Role role : options.client().roles()) {
        System.out.print(Terminal.line(String.format(ROW, role.name(), role.createdAt(), members(role)).stripTrailing()) + "\n");
      }
      return 0;
    }
  }
}
