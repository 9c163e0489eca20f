package dev.skein.viz;

import java.io.StringWriter;
import java.util.List;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.io.SerializedString;
import tools.jackson.core.json.JsonFactory;

/**
 * The HTML view's embedded data, written with Jackson's streaming generator. Strings are escaped
 * so the text is safe inside an HTML {@code <script>} element: '<', '>', '&' and the JavaScript
 * line separators U+2028 and U+2029 become \\u escapes, so no graph name can close the element
 * or open a tag. A fluent wrapper, so GraphView reads like the JSON it writes.
 */
final class Json {
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .characterEscapes(new HtmlSafeEscapes()).build();

  private final StringWriter out = new StringWriter();
  private final JsonGenerator g = FACTORY.createGenerator(out);

  Json beginObject() {
    g.writeStartObject();
    return this;
  }

  Json endObject() {
    g.writeEndObject();
    return this;
  }

  Json beginArray() {
    g.writeStartArray();
    return this;
  }

  Json endArray() {
    g.writeEndArray();
    return this;
  }

  /** A key inside an object; the value follows. */
  Json key(String k) {
    g.writeName(k);
    return this;
  }

  Json value(String s) {
    if (s == null) {
      g.writeNull();
    } else {
      g.writeString(s);
    }
    return this;
  }

  Json value(long n) {
    g.writeNumber(n);
    return this;
  }

  Json value(boolean b) {
    g.writeBoolean(b);
    return this;
  }

  Json strings(List<String> list) {
    beginArray();
    for (String s : list) {
      value(s);
    }
    return endArray();
  }

  /** The JSON text written so far (the value must be complete). */
  String text() {
    g.close();
    return out.toString();
  }

  /** JSON's standard escapes plus \\u escapes for HTML's special characters. */
  private static final class HtmlSafeEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private static final SerializedString LS = new SerializedString("\\u2028");
    private static final SerializedString PS = new SerializedString("\\u2029");
    private final int[] ascii;

    HtmlSafeEscapes() {
      ascii = standardAsciiEscapesForJSON();
      ascii['<'] = ESCAPE_STANDARD;
      ascii['>'] = ESCAPE_STANDARD;
      ascii['&'] = ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return ch == 0x2028 ? LS : ch == 0x2029 ? PS : null;
    }
  }
}
