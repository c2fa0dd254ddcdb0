package dev.gantry.server.tork;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.auth.InvalidAuthRequestException;
import dev.gantry.core.auth.Role;
import dev.gantry.core.auth.TokenRequest;
import dev.gantry.core.engine.NotFoundException;
import dev.gantry.core.auth.UserService;
import dev.gantry.core.spec.Echo;
import dev.gantry.server.Callers;
import dev.gantry.server.DialectRoutes;
import dev.gantry.server.HttpDialect;
import dev.gantry.server.JsonResponses;
import dev.gantry.server.RequestBody;
import io.javalin.http.Context;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Users and roles, for admins: Tork's {@code POST /users {"username","password"}} (a user that
 * signs in with HTTP Basic), and Gantry's own {@code /roles} (Tork has no role API): named groups
 * of users that jobs' {@code permissions} name. Part of the native API, so its errors are {@code {"message"}}.
 */
public final class UserDialect implements HttpDialect {

  private final UserService users;
  private final long maxRequestBytes;

  public UserDialect(UserService users, long maxRequestBytes) {
    this.users = users;
    this.maxRequestBytes = maxRequestBytes;
  }

  @Override
  public List<String> pathPrefixes() {
    return List.of("/users", "/roles");
  }

  @Override
  public void register(DialectRoutes routes) {
    routes
        .post("/users", this::createUser)
        .get("/roles", this::roles)
        .post("/roles", this::createRole)
        .get("/roles/{name}", this::role)
        .delete("/roles/{name}", this::deleteRole)
        .put("/roles/{name}/members/{user}", this::addMember)
        .delete("/roles/{name}/members/{user}", this::removeMember);
  }

  @Override
  public void renderError(Context ctx, Exception error) {
    NativeErrors.render(ctx, error);
  }

  private void createUser(Context ctx) {
    Map<String, String> body = object(ctx, Set.of("username", "password"), "{\"username\":\"alice\",\"password\":\"...\"}");
    users.create(Callers.of(ctx), body.get("username"), body.get("password"));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("username", body.get("username"));
    JsonResponses.write(ctx, 200, answer);
  }

  private void roles(Context ctx) {
    JsonResponses.write(ctx, 200, users.roles(Callers.of(ctx)).stream().map(UserDialect::view).toList());
  }

  private void createRole(Context ctx) {
    Map<String, String> body = object(ctx, Set.of("name"), "{\"name\":\"developers\"}");
    users.createRole(Callers.of(ctx), body.get("name"));
    JsonResponses.write(ctx, 201, view(users.role(Callers.of(ctx), body.get("name"))));
  }

  private void role(Context ctx) {
    JsonResponses.write(ctx, 200, view(users.role(Callers.of(ctx), name(ctx, "name", "role"))));
  }

  private void deleteRole(Context ctx) {
    users.deleteRole(Callers.of(ctx), name(ctx, "name", "role"));
    JsonResponses.write(ctx, 200, StatusView.OK);
  }

  private void addMember(Context ctx) {
    users.addMember(Callers.of(ctx), name(ctx, "name", "role"), name(ctx, "user", "user"));
    JsonResponses.write(ctx, 200, view(users.role(Callers.of(ctx), name(ctx, "name", "role"))));
  }

  private void removeMember(Context ctx) {
    users.removeMember(Callers.of(ctx), name(ctx, "name", "role"), name(ctx, "user", "user"));
    JsonResponses.write(ctx, 200, view(users.role(Callers.of(ctx), name(ctx, "name", "role"))));
  }

  /** A role's or user's name from the path; one that no role or user can have does not exist (echoed short). */
  private static String name(Context ctx, String param, String kind) {
    String name = ctx.pathParam(param);
    if (!TokenRequest.USER_NAME.matcher(name).matches()) {
      throw new NotFoundException(kind, Echo.of(name));
    }
    return name;
  }

  private static Map<String, Object> view(Role role) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("name", role.name());
    view.put("members", role.members().stream().sorted().toList());
    view.put("createdAt", role.createdAt().toString());
    return view;
  }

  /** A JSON object of string fields, strictly: unknown fields and wrong types name their field. */
  private Map<String, String> object(Context ctx, Set<String> fields, String example) {
    JsonNode root;
    try {
      root = JsonResponses.mapper().readTree(RequestBody.utf8(ctx, maxRequestBytes));
    } catch (JsonProcessingException e) {
      throw new InvalidAuthRequestException(null, "the body is not JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new InvalidAuthRequestException(null, "the body must be a JSON object such as " + example);
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (!fields.contains(field.getKey())) {
        throw new InvalidAuthRequestException(Echo.of(field.getKey()), "unknown field");
      }
      if (!field.getValue().isTextual()) {
        throw new InvalidAuthRequestException(field.getKey(), "must be a string");
      }
      values.put(field.getKey(), field.getValue().asText());
    }
    return values;
  }
}
