package dev.skein.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Train in five lines" snippets compile as written, each as the body of a method
 * whose parameters are the names the snippet uses without declaring them.
 */
class ReadmeTrainerSnippetsTest {
  private static final String IMPORTS = String.join("\n",
      "import dev.skein.autodiff.summary.*;", "import dev.skein.autodiff.train.*;",
      "import dev.skein.core.*;", "import dev.skein.core.io.Saver;", "import dev.skein.core.ops.Ops;",
      "import dev.skein.monitor.*;", "import java.nio.file.Path;", "import java.util.Map;", "");

  /** The undeclared names of the section's two snippets, in order. */
  private static final List<String> PARAMETERS = List.of(
      "Graph g, Ops tf, Operation trainingOp, Output loss, Output accuracy, Output x, Output y,"
          + " Tensor xTrain, Tensor yTrain, Tensor xTest, Tensor yTest",
      "Trainer trainer, DataSource train, Output loss, Output accuracy, Session sess,"
          + " Map<Output, Tensor> feeds, long step");

  @Test
  void snippetsCompile(@TempDir Path dir) throws Exception {
    String readme = Files.readString(RepoFiles.root().resolve("README.md"));
    int from = readme.indexOf("## Train in five lines");
    String section = readme.substring(from, readme.indexOf("\n## ", from + 5));
    Matcher m = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(section);
    List<String> snippets = new ArrayList<>();
    while (m.find()) {
      snippets.add(m.group(1));
    }
    assertEquals(PARAMETERS.size(), snippets.size(), "snippets in the section");
    StringBuilder src = new StringBuilder("package readme;\n").append(IMPORTS)
        .append("class Snippets {\n");
    for (int i = 0; i < snippets.size(); i++) {
      src.append("  static void snippet").append(i).append('(').append(PARAMETERS.get(i))
          .append(") {\n").append(snippets.get(i)).append("  }\n");
    }
    src.append("}\n");
    Path file = dir.resolve("readme/Snippets.java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, src);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int rc = javac.run(null, null, errors, "-d", dir.toString(), "-cp",
        System.getProperty("java.class.path"), file.toString());
    assertEquals(0, rc, errors.toString(StandardCharsets.UTF_8) + "\n" + src);
  }
}
