package dev.skein.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.json.JsonFactory;

/** The view's JSON: valid (read back by Jackson's parser) and safe inside a script element. */
class JsonTest {
  private static final String NASTY = "a</script><script>alert(1)</script>&amp;\"q\" \\ \n\t"
      + "\u0001 line\u2028para\u2029 é 中";

  @Test
  void stringsRoundTripAndStaySafeInsideScript() {
    Json j = new Json();
    j.beginObject().key("name").value(NASTY).key("n").value(-7).key("ok").value(true)
        .key("none").value((String) null).key("list").strings(List.of(NASTY, "x")).endObject();
    String text = j.text();
    for (String bad : List.of("<", ">", "&", "\u2028", "\u2029")) {
      assertFalse(text.contains(bad), "raw " + bad + " in " + text);
    }
    List<Object> tokens = new ArrayList<>();
    try (JsonParser p = new JsonFactory().createParser(text)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t == JsonToken.VALUE_STRING) {
          tokens.add(p.getString());
        } else if (t == JsonToken.VALUE_NUMBER_INT) {
          tokens.add(p.getLongValue());
        } else if (t == JsonToken.PROPERTY_NAME) {
          tokens.add("key:" + p.currentName());
        }
      }
    }
    assertEquals(List.of("key:name", NASTY, "key:n", -7L, "key:ok", "key:none", "key:list",
        NASTY, "x"), tokens);
  }
}
