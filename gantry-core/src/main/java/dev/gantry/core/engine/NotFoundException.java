package dev.gantry.core.engine;

/** No job (or task run, log...) with this id. */
public class NotFoundException extends RuntimeException {

  private final String kind;
  private final String id;

  public NotFoundException(String kind, String id) {
    super(kind + " " + id + " not found");
    this.kind = kind;
    this.id = id;
  }

  public String kind() {
    return kind;
  }

  public String id() {
    return id;
  }
}
