package dev.gantry.server.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The conformance test's schema check finds what it must: extra and missing fields, wrong types and values. */
class SchemaCheckTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final SchemaCheck check = new SchemaCheck(read("""
      {"components": {"schemas": {"Thing": {"type": "object", "additionalProperties": false, "required": ["id"],
        "properties": {"id": {"type": "string"}, "n": {"type": "integer", "minimum": 1},
          "state": {"type": "string", "enum": ["UP", "DOWN"]}, "at": {"type": ["string", "null"]},
          "tags": {"type": "array", "items": {"type": "string"}}}}}}}"""));
  private final JsonNode thing = read("{\"$ref\": \"#/components/schemas/Thing\"}");

  @Test
  void aConformingValueHasNoProblem() {
    assertThat(check.problems(thing, read("{\"id\":\"a\",\"n\":2,\"state\":\"UP\",\"at\":null,\"tags\":[\"x\"]}"))).isEmpty();
  }

  @Test
  void everyDifferenceIsNamedWhereItIs() {
    assertThat(check.problems(thing, read("{\"n\":0,\"state\":\"SIDEWAYS\",\"tags\":[1],\"extra\":true}")))
        .containsExactlyInAnyOrder("$: 'id' is missing", "$.n: 0 is below 1", "$.state: \"SIDEWAYS\" is not one of [\"UP\",\"DOWN\"]",
            "$.tags[0]: NUMBER 1 is not \"string\"", "$: 'extra' is not in the description");
    assertThat(check.problems(thing, read("[]"))).containsExactly("$: ARRAY [] is not \"object\"");
  }

  @Test
  void anyOfIsMetByOneAlternativeAndOtherwiseNamesEachOnesDifferences() {
    JsonNode either = read("{\"anyOf\": [{\"type\": \"integer\"}, {\"$ref\": \"#/components/schemas/Thing\"}]}");
    assertThat(check.problems(either, read("3"))).isEmpty();
    assertThat(check.problems(either, read("{\"id\":\"a\"}"))).isEmpty();
    assertThat(check.problems(either, read("{\"id\":\"a\",\"n\":0}")))
        .containsExactly("$: matches none of the anyOf schemas", "anyOf[0] $: OBJECT {\"id\":\"a\",\"n\":0} is not \"integer\"",
            "anyOf[1] $.n: 0 is below 1");
  }

  @Test
  void aKeywordTheCheckDoesNotKnowIsAProblemItself() {
    assertThat(check.problems(read("{\"oneOf\": []}"), read("1"))).singleElement().asString().contains("'oneOf'");
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
