package dev.skein.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private long now;

  private String text() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void lines_oneAtEachTenthAndOneAtTheEnd_noCarriageReturns() {
    Progress p = Progress.lines("echo", 1000, out, () -> now);
    for (int i = 1; i <= 1000; i++) {
      now = i * 10_000_000L; // 10 ms a step
      p.step(1, "loss " + i);
    }
    p.finish(null);
    String t = text();
    assertFalse(t.contains("\r"), t);
    List<String> lines = t.lines().toList();
    assertEquals(10, lines.size(), t);
    // the line at 10% is printed by step 100, at 1 s
    assertEquals("echo   10%  100/1000  loss 100  0:01", lines.get(0));
    assertEquals("echo   90%  900/1000  loss 900  0:09", lines.get(8));
    assertEquals("echo  100%  1000/1000  loss 1000  0:10", lines.get(9));
  }

  @Test
  void lines_bigStepsCrossingSeveralTenthsPrintOnce_andLogLinesPassThrough() {
    Progress p = Progress.lines("", 7, out, () -> now);
    p.step(3, null);       // 0% -> 42%: one line
    p.log("a line of its own");
    p.step(0, "s");        // no boundary
    p.step(4, null);       // 100%: the end prints it
    p.finish("done");
    p.finish("again");     // only once
    assertEquals(List.of(" 42%  3/7  0:00", "a line of its own", "100%  7/7  done  0:00"),
        text().lines().toList());
  }

  @Test
  void lines_unknownTotal_printsOnlyTheEnd() {
    Progress p = Progress.lines("data", -1, out, () -> now);
    p.step(5, null);
    p.step(7, "read");
    p.finish(null);
    assertEquals(List.of("data  12  read  0:00"), text().lines().toList());
  }

  @Test
  void silentAndOff_printNothing() {
    Progress s = Progress.create("x", 10, out, ProgressMode.OFF);
    s.step(10, "y");
    s.finish("z");
    assertEquals(10, s.done());
    assertEquals("", text());
  }

  @Test
  void bar_redrawsInPlaceWithCarriageReturns() {
    try (Progress p = Progress.create("bar", 4, out, ProgressMode.BAR)) {
      p.step(4, "loss 0.5");
    }
    String t = text();
    assertTrue(t.contains("\r"), t);
    assertTrue(t.contains("bar"), t);
    assertTrue(t.contains("4/4"), t);
    assertTrue(t.contains("loss 0.5"), t);
  }

  @Test
  void mode_propertyWins_elseTerminalMeansBar() {
    assertEquals(ProgressMode.BAR, ProgressMode.choose(null, true));
    assertEquals(ProgressMode.LINES, ProgressMode.choose(null, false));
    assertEquals(ProgressMode.LINES, ProgressMode.choose("lines", true));
    assertEquals(ProgressMode.OFF, ProgressMode.choose(" OFF ", false));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ProgressMode.parse("fancy"));
    assertTrue(e.getMessage().contains("bar, lines or off"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Progress.silent(-2));
  }
}
