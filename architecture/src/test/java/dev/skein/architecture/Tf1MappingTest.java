package dev.skein.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/TF1_MAPPING.md stays true: every {@code class#member} in its "defined in" column names a
 * public class with a public method, field, nested type or ({@code #new}) constructor of that
 * name.
 */
class Tf1MappingTest {
  private static final Pattern MEMBER = Pattern.compile("`([\\w.$]+)#(\\w+)`");

  @Test
  void everySkeinNameInTheMappingExists() throws IOException {
    List<String> lines = Files.readAllLines(RepoFiles.root().resolve("docs/TF1_MAPPING.md"));
    List<String> missing = new ArrayList<>();
    int rows = 0;
    int members = 0;
    for (String line : lines) {
      if (!line.startsWith("| `")) {
        continue;
      }
      String[] cells = line.split("\\|", -1);
      assertEquals(6, cells.length, "a row has four columns: " + line);
      rows++;
      Matcher m = MEMBER.matcher(cells[3]);
      boolean any = false;
      while (m.find()) {
        any = true;
        members++;
        if (!exists(m.group(1), m.group(2))) {
          missing.add(m.group(1) + "#" + m.group(2));
        }
      }
      assertTrue(any, "no class#member in the 'defined in' column of: " + line);
    }
    assertTrue(rows >= 50, "only " + rows + " rows");
    assertEquals(List.of(), missing, "named in docs/TF1_MAPPING.md but not found (" + members
        + " names checked)");
  }

  @Test
  void aNameThatDoesNotExistIsCaught() {
    assertTrue(exists("dev.skein.core.ops.Ops", "matmul"));
    assertTrue(!exists("dev.skein.core.ops.Ops", "matmull"));
    assertTrue(!exists("dev.skein.core.NoSuchClass", "x"));
    assertTrue(exists("dev.skein.core.Session", "new"));
    assertTrue(exists("dev.skein.core.DType", "FLOAT32"));
  }

  static boolean exists(String className, String member) {
    Class<?> c;
    try {
      c = Class.forName(className);
    } catch (ClassNotFoundException e) {
      return false;
    }
    if (!Modifier.isPublic(c.getModifiers())) {
      return false;
    }
    if (member.equals("new")) {
      return c.getConstructors().length > 0;
    }
    return Arrays.stream(c.getMethods()).anyMatch(x -> x.getName().equals(member))
        || Arrays.stream(c.getFields()).anyMatch(x -> x.getName().equals(member))
        || Arrays.stream(c.getClasses()).anyMatch(x -> x.getSimpleName().equals(member));
  }
}
