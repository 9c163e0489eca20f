package dev.skein.core.ops;

import dev.skein.core.OpType;
import dev.skein.core.ops.array.ArrayOps;
import dev.skein.core.ops.control.ControlOps;
import dev.skein.core.ops.linalg.LinalgOps;
import dev.skein.core.ops.math.MathOps;
import dev.skein.core.ops.nn.NnOps;
import dev.skein.core.ops.random.RandomOps;
import dev.skein.core.ops.rnncell.GruOps;
import dev.skein.core.ops.rnncell.RnnCellOps;
import dev.skein.core.ops.state.StateOps;
import dev.skein.core.ops.training.TrainingOps;
import java.util.ArrayList;
import java.util.List;

/** Every op type core defines, family by family; coverage tests walk this list. */
public final class OpTypes {
  private OpTypes() {}

  public static List<Class<? extends OpType>> all() {
    List<Class<? extends OpType>> all = new ArrayList<>();
    all.addAll(StateOps.TYPES);
    all.addAll(MathOps.TYPES);
    all.addAll(NnOps.TYPES);
    all.addAll(LinalgOps.TYPES);
    all.addAll(ArrayOps.TYPES);
    all.addAll(RandomOps.TYPES);
    all.addAll(ControlOps.TYPES);
    all.addAll(RnnCellOps.TYPES);
    all.addAll(GruOps.TYPES);
    all.addAll(TrainingOps.TYPES);
    return all;
  }
}
