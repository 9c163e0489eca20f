package dev.skein.core.ops;

import static dev.skein.core.DType.BOOL;
import static dev.skein.core.DType.FLOAT32;
import static dev.skein.core.DType.FLOAT64;
import static dev.skein.core.DType.INT32;
import static dev.skein.core.DType.INT64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.primitives.ImmutableIntArray;
import dev.skein.core.DType;
import dev.skein.core.DTypeRules;
import dev.skein.core.Graph;
import dev.skein.core.OpException;
import dev.skein.core.OpType;
import dev.skein.core.Output;
import dev.skein.core.Placeholder;
import dev.skein.core.Shape;
import dev.skein.core.ops.array.ArrayOps;
import dev.skein.core.ops.array.FillOps;
import dev.skein.core.ops.array.IndexOps;
import dev.skein.core.ops.array.ShapeOps;
import dev.skein.core.ops.array.SliceIndex;
import dev.skein.core.ops.control.TensorArrayOps;
import dev.skein.core.ops.math.MathOps;
import dev.skein.core.ops.math.MathReduceOps;
import dev.skein.core.ops.math.SelectOps;
import dev.skein.core.ops.nn.NnOps;
import dev.skein.core.ops.random.RandomOps;
import dev.skein.core.ops.rnncell.RnnCellOps;
import dev.skein.core.ops.state.StateOps;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The dtype declarations are what the ops accept: for each declared input of the op types below,
 * every dtype is tried (the other inputs fixed, or of the dtype tried for the inputs that must
 * match it), and the op builds exactly when the declaration lists the dtype; a refused one is named
 * in the OpException. Output declarations are tried the same way through the attribute that chooses
 * the dtype.
 */
class DTypeDeclarationsTest {
  private static final Shape V = Shape.of(3);
  private static final Shape S = Shape.scalar();

  /**
   * Builds type on placeholders: input {@code input} of dtype d, input i of others[i]. The
   * inputs whose entry is null (all of them when others is null) must have one dtype: d when
   * the input tried is one of them, else float32.
   */
  private static void build(OpType type, int input, DType d, DType[] others, Shape[] shapes) {
    Graph g = new Graph();
    List<Output> in = new ArrayList<>();
    boolean inGroup = others == null || others[input] == null;
    for (int i = 0; i < shapes.length; i++) {
      DType t = i == input ? d : others != null && others[i] != null ? others[i]
          : inGroup ? d : FLOAT32;
      in.add(Placeholder.create(g, t, shapes[i], "in" + i));
    }
    g.addOp(type, "op", in);
  }

  private static void assertInputs(OpType type, DType[] others, Shape... shapes) {
    List<DTypeRules.Rule> rules = DTypeRules.of(type);
    assertFalse(rules.isEmpty(), type + " has no input declaration");
    for (DTypeRules.Rule r : rules) {
      assertTrue(r.input() < shapes.length, type + " declares input " + r.input());
      for (DType d : DType.values()) {
        if (r.dtypes().contains(d)) {
          build(type, r.input(), d, others, shapes);
        } else {
          OpException e = assertThrows(OpException.class,
              () -> build(type, r.input(), d, others, shapes), type + " with " + d);
          assertTrue(e.getMessage().contains(d.toString()), e.getMessage());
        }
      }
    }
  }

  private static DType[] fixed(DType... d) {
    return d;
  }

  @Test
  void math_nn_andLinalg() {
    for (MathOps.Binary b : MathOps.Binary.values()) {
      assertInputs(b, null, V, V);
    }
    for (MathOps.Unary u : MathOps.Unary.values()) {
      assertInputs(u, null, V);
    }
    for (MathOps.Compare c : MathOps.Compare.values()) {
      assertInputs(c, null, V, V);
    }
    assertInputs(MathOps.Logical.LOGICAL_NOT, null, V);
    assertInputs(new MathReduceOps.ReduceSum(null, false), null, V);
    assertInputs(new MathReduceOps.ReduceMax(null, false), null, V);
    assertInputs(new MathReduceOps.ReduceAny(null, false), null, V);
    assertInputs(new MathReduceOps.ArgMax(0), null, V);
    assertInputs(new MathReduceOps.BroadcastTo(Shape.unknown()), fixed(null, INT32), V, V);
    assertInputs(new MathReduceOps.SumToShape(Shape.unknown()), fixed(null, INT32), V,
        Shape.of(1));
    assertInputs(new SelectOps.Cast(FLOAT32), null, V);
    assertInputs(new NnOps.SparseSoftmaxCrossEntropyWithLogits(), fixed(FLOAT32, INT64),
        Shape.of(2, 3), Shape.of(2));
    assertInputs(NnOps.Softmax.LOG_SOFTMAX, null, Shape.of(2, 3));
    assertInputs(new NnOps.SoftmaxCrossEntropyWithLogits(), null, Shape.of(2, 3),
        Shape.of(2, 3));
    assertInputs(new NnOps.L2Loss(), null, V);
    assertInputs(NnOps.ActivationGrad.SIGMOID_GRAD, null, V, V);
    assertInputs(new NnOps.BiasAdd(), null, Shape.of(2, 3), V);
  }

  @Test
  void state_rnnCells_andRandom() {
    assertInputs(new StateOps.Identity(), null, V);
    assertInputs(new StateOps.StopGradient(), null, V);
    assertInputs(new StateOps.CheckNumerics("m"), null, V);
    assertInputs(RnnCellOps.BiasActivation.TANH, null, Shape.of(2, 3), V);
    assertInputs(RnnCellOps.BiasActivationGrad.SIGMOID, null, Shape.of(2, 3), Shape.of(2, 3));
    assertInputs(new RnnCellOps.LstmGates(1), null, Shape.of(2, 8), Shape.of(8), Shape.of(2, 2));
    Shape b2 = Shape.of(2, 2);
    assertInputs(new RnnCellOps.LstmGatesGrad(1), null, Shape.of(2, 8), Shape.of(8), b2, b2, b2);
    assertInputs(new RnnCellOps.CheckSequenceLength(), null, V, S, S);
    assertInputs(new RandomOps.RandomNormal(FLOAT32, 0, 1, null), null, Shape.of(2));
    assertInputs(new RandomOps.RandomUniformInt(0, 5, null), null, Shape.of(2));
  }

  @Test
  void array() {
    assertInputs(new ArrayOps.Concat(0), null, V, V);
    assertInputs(new ArrayOps.Split(0, 3), null, V);
    assertInputs(new ArrayOps.SplitV(0, 2), fixed(null, INT32), V, Shape.of(2));
    assertInputs(new ArrayOps.Pack(0), null, V, V);
    assertInputs(new ArrayOps.Unpack(0, 3), null, V);
    assertInputs(new ArrayOps.Transpose(ImmutableIntArray.of(1, 0)), null, Shape.of(2, 3));
    assertInputs(new ArrayOps.Reshape(), fixed(null, INT32), V, Shape.of(1));
    assertInputs(new ArrayOps.ExpandDims(0), null, V);
    assertInputs(new ArrayOps.Squeeze(ImmutableIntArray.of()), null, Shape.of(1, 3));
    assertInputs(new ShapeOps.Shape(INT64), null, V);
    assertInputs(new ShapeOps.Rank(INT32), null, V);
    assertInputs(new IndexOps.Slice(), fixed(null, INT32, INT32), V, Shape.of(1), Shape.of(1));
    assertInputs(SliceIndex.toSpec(List.of(SliceIndex.all())), null, V);
    assertInputs(new IndexOps.Gather(0), fixed(null, INT32), V, V);
    assertInputs(new IndexOps.ScatterNd(), fixed(INT32, FLOAT32, INT32), Shape.of(2, 1),
        Shape.of(2), Shape.of(1));
    assertInputs(new IndexOps.OneHot(3, 1, 0, -1, FLOAT32), null, V);
    assertInputs(new IndexOps.SequenceMask(BOOL), null, V, S);
    assertInputs(new IndexOps.ReverseSequence(0, 1), fixed(null, INT32), Shape.of(2, 3), V);
    assertInputs(new IndexOps.Reverse(ImmutableIntArray.of(0)), null, V);
    assertInputs(new FillOps.Fill(), fixed(INT32, null), Shape.of(2), S);
    assertInputs(FillOps.FillLike.ONES_LIKE, null, V);
    assertInputs(new FillOps.Range(), null, S, S, S);
    assertInputs(new FillOps.Tile(), fixed(null, INT32), V, Shape.of(1));
    assertInputs(new FillOps.Pad(0), fixed(null, INT32), V, Shape.of(1, 2));
  }

  @Test
  void tensorArrays() {
    Shape arr = Shape.of(3, 2);
    Shape elem = Shape.of(2);
    assertInputs(new TensorArrayOps.TensorArrayV3(FLOAT32, elem, false), null, S);
    assertInputs(TensorArrayOps.TensorArrayOp.WRITE, fixed(null, INT32, null), arr, S, elem);
    assertInputs(TensorArrayOps.TensorArrayOp.READ, fixed(null, INT32), arr, S);
    assertInputs(TensorArrayOps.TensorArrayOp.GATHER, fixed(null, INT32), arr, Shape.of(2));
    assertInputs(TensorArrayOps.TensorArrayOp.SCATTER, fixed(null, INT32, null), arr,
        Shape.of(2), Shape.of(2, 2));
    assertInputs(TensorArrayOps.TensorArrayOp.UNSTACK, null, arr, arr);
    assertInputs(TensorArrayOps.TensorArrayOp.SIZE, null, arr);
    assertInputs(TensorArrayOps.TensorArrayGradOp.READ_GRAD, fixed(null, INT32, null), arr, S,
        elem);
    assertInputs(TensorArrayOps.TensorArrayGradOp.GATHER_GRAD, fixed(null, INT32, null), arr,
        Shape.of(2), Shape.of(2, 2));
    assertInputs(TensorArrayOps.TensorArrayGradOp.ACCUMULATE, null, arr, arr);
    assertInputs(TensorArrayOps.TensorArrayGradOp.WRITE_GRAD, null, arr, arr);
  }

  /** Builds {@code make.apply(d)} on fixed inputs for every d; it builds exactly when declared. */
  private static void assertMade(Function<DType, OpType> make, List<DType> inputs,
      List<Shape> shapes) {
    DTypeRules.Made m = DTypeRules.declarationOf(make.apply(FLOAT32)).made();
    assertTrue(m != null, make.apply(FLOAT32) + " declares no output");
    for (DType d : DType.values()) {
      Graph g = new Graph();
      List<Output> in = new ArrayList<>();
      for (int i = 0; i < inputs.size(); i++) {
        in.add(Placeholder.create(g, inputs.get(i), shapes.get(i), "in" + i));
      }
      OpType t = make.apply(d);
      if (m.dtypes().contains(d)) {
        assertEquals(d, g.addOp(t, "op", in).output(0).dtype());
      } else {
        OpException e = assertThrows(OpException.class, () -> g.addOp(t, "op", in), t + "");
        assertTrue(e.getMessage().contains(d.toString()), e.getMessage());
      }
    }
  }

  @Test
  void outputDtypesChosenByAttributes() {
    assertMade(d -> new Placeholder(d, V), List.of(), List.of());
    assertMade(d -> new StateOps.VariableOp(d, V), List.of(), List.of());
    assertMade(SelectOps.Cast::new, List.of(FLOAT32), List.of(V));
    assertMade(d -> new IndexOps.OneHot(3, 1, 0, -1, d), List.of(INT64), List.of(V));
    assertMade(IndexOps.SequenceMask::new, List.of(INT32), List.of(V));
    assertMade(d -> new RandomOps.TruncatedNormal(d, 0, 1, null), List.of(INT32),
        List.of(Shape.of(2)));
    assertMade(d -> new MathReduceOps.ArgMin(0, d), List.of(FLOAT64), List.of(V));
    assertMade(ShapeOps.Size::new, List.of(BOOL), List.of(V));
    assertMade(d -> new TensorArrayOps.TensorArrayV3(d, V, false), List.of(INT64), List.of(S));
    assertEquals(Set.of(DType.values()),
        DTypeRules.declarationOf(new dev.skein.core.Const(dev.skein.core.Tensor.scalar(1)))
            .made().dtypes());
  }

  @Test
  void opTypesWithoutInputs_refuseOne() {
    Graph g = new Graph();
    Output x = Placeholder.create(g, FLOAT32, V, "x");
    for (OpType t : List.<OpType>of(new StateOps.NoOp(), new Placeholder(FLOAT32, V),
        new StateOps.VariableOp(FLOAT32, V))) {
      assertTrue(DTypeRules.declarationOf(t).noInputs(), t.toString());
      OpException e = assertThrows(OpException.class, () -> g.addOp(t, "op", List.of(x)));
      assertTrue(e.getMessage().contains(t.typeName() + " takes no inputs, got 1"),
          e.getMessage());
    }
  }
}
