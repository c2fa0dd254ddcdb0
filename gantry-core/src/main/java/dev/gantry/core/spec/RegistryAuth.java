package dev.gantry.core.spec;

/**
 * The credentials a task's image is pulled with (Tork's {@code registry}). Once submitted, the
 * password is a reference to one of the job's secrets ({@link Secrets#sealRegistryPasswords}): the
 * value lives only in the job's secrets and is put in place by the worker right before the pull.
 */
public record RegistryAuth(String username, String password) {

  @Override
  public String toString() {
    return "RegistryAuth[username=" + username + ", password=" + Secrets.REDACTED + "]";
  }
}
