package dev.gantry.store;

import dev.gantry.core.auth.Role;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The {@code users} table's passwords and the {@code roles} and {@code role_members} tables. */
final class UserRows {

  private UserRows() {}

  static boolean insertUser(SqlSession sql, String name, String passwordHash, Instant at) {
    if (sql.first("select 1 from users where name = ?", row -> 1, name).isPresent()) {
      return false;
    }
    sql.update("insert into users (name, created_at, password_hash) values (?, ?, ?)", name, at, passwordHash);
    return true;
  }

  static Optional<String> passwordHash(SqlSession sql, String user) {
    return sql.first("select password_hash from users where name = ? and password_hash is not null",
        row -> row.getString(1), user);
  }

  static boolean insertRole(SqlSession sql, String name, Instant at) {
    if (sql.first("select 1 from roles where name = ?", row -> 1, name).isPresent()) {
      return false;
    }
    sql.update("insert into roles (name, created_at) values (?, ?)", name, at);
    return true;
  }

  static boolean deleteRole(SqlSession sql, String name) {
    sql.update("delete from role_members where role_name = ?", name);
    return sql.update("delete from roles where name = ?", name) > 0;
  }

  static List<Role> roles(SqlSession sql, String only) {
    Map<String, Instant> created = new LinkedHashMap<>();
    Map<String, Set<String>> members = new LinkedHashMap<>();
    String where = only == null ? "" : " where name = ?";
    Object[] params = only == null ? new Object[0] : new Object[] {only};
    sql.list("select name, created_at from roles" + where + " order by name", row -> {
      created.put(row.getString("name"), Timestamps.read(row, "created_at"));
      return null;
    }, params);
    sql.list("select role_name, user_name from role_members" + (only == null ? "" : " where role_name = ?"), row -> {
      members.computeIfAbsent(row.getString(1), r -> new TreeSet<>()).add(row.getString(2));
      return null;
    }, params);
    List<Role> roles = new ArrayList<>();
    created.forEach((name, at) -> roles.add(new Role(name, members.getOrDefault(name, Set.of()), at)));
    return roles;
  }

  static boolean addMember(SqlSession sql, String role, String user, Instant at) {
    if (sql.first("select 1 from roles where name = ?" + " for update", row -> 1, role).isEmpty()) {
      return false;
    }
    if (sql.first("select 1 from users where name = ?", row -> 1, user).isEmpty()) {
      sql.update("insert into users (name, created_at) values (?, ?)", user, at);
    }
    if (sql.first("select 1 from role_members where role_name = ? and user_name = ?", row -> 1, role, user).isEmpty()) {
      sql.update("insert into role_members (role_name, user_name) values (?, ?)", role, user);
    }
    return true;
  }

  static boolean removeMember(SqlSession sql, String role, String user) {
    return sql.update("delete from role_members where role_name = ? and user_name = ?", role, user) > 0;
  }
}
