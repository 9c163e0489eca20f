package dev.skein.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Use Skein in your project" program compiles as it is written, against the
 * published modules only, and prints what its comment says.
 */
class ReadmeProgramTest {
  @Test
  void theFirstProgramCompilesAndRuns(@TempDir Path dir) throws Exception {
    String readme = Files.readString(RepoFiles.root().resolve("README.md"));
    Matcher m = Pattern.compile("```java\n(package demo;.*?)```", Pattern.DOTALL).matcher(readme);
    assertTrue(m.find(), "README has no complete program (package demo;)");
    String source = m.group(1);
    Path file = dir.resolve("demo/FirstRnn.java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, source);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int rc = javac.run(null, null, errors, "-d", dir.toString(), "-cp",
        System.getProperty("java.class.path"), file.toString());
    assertEquals(0, rc, errors.toString(StandardCharsets.UTF_8));
    PrintStream out = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
        getClass().getClassLoader())) {
      System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
      loader.loadClass("demo.FirstRnn").getMethod("main", String[].class)
          .invoke(null, (Object) new String[0]);
    } finally {
      System.setOut(out);
    }
    assertEquals(List.of("(2, 5)"), printed.toString(StandardCharsets.UTF_8).lines().toList());
  }
}
