package dev.skein.onnx;

import com.google.protobuf.ByteString;
import dev.skein.core.DType;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.onnx.proto.OnnxProto.TensorProto;
import dev.skein.onnx.proto.OnnxProto.TensorShapeProto;
import dev.skein.onnx.proto.OnnxProto.TypeProto;
import dev.skein.onnx.proto.OnnxProto.ValueInfoProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Skein dtypes, shapes and tensors in ONNX's terms. */
final class Tensors {
  private Tensors() {}

  static final int FLOAT = TensorProto.DataType.FLOAT_VALUE;
  static final int DOUBLE = TensorProto.DataType.DOUBLE_VALUE;
  static final int INT32 = TensorProto.DataType.INT32_VALUE;
  static final int INT64 = TensorProto.DataType.INT64_VALUE;
  static final int BOOL = TensorProto.DataType.BOOL_VALUE;

  static int onnxType(DType t) {
    switch (t) {
      case FLOAT32:
        return FLOAT;
      case FLOAT64:
        return DOUBLE;
      case INT32:
        return INT32;
      case INT64:
        return INT64;
      case BOOL:
        return BOOL;
      default:
        throw new OnnxExportException("dtype " + t + " has no ONNX counterpart in this exporter");
    }
  }

  /** The tensor as an initializer: dims and little-endian raw data, as ONNX specifies. */
  static TensorProto proto(String name, Tensor t) {
    TensorProto.Builder b = TensorProto.newBuilder().setName(name)
        .setDataType(onnxType(t.dtype()));
    for (int d : t.shape().dims()) {
      b.addDims(d);
    }
    int n = t.size();
    ByteBuffer buf;
    switch (t.dtype()) {
      case FLOAT32: {
        buf = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(t.floats(), 0, n);
        break;
      }
      case FLOAT64: {
        buf = ByteBuffer.allocate(8 * n).order(ByteOrder.LITTLE_ENDIAN);
        buf.asDoubleBuffer().put(t.doubles(), 0, n);
        break;
      }
      case INT32: {
        buf = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
        buf.asIntBuffer().put(t.ints(), 0, n);
        break;
      }
      case INT64: {
        buf = ByteBuffer.allocate(8 * n).order(ByteOrder.LITTLE_ENDIAN);
        buf.asLongBuffer().put(t.longs(), 0, n);
        break;
      }
      case BOOL: {
        buf = ByteBuffer.allocate(n);
        boolean[] v = t.bools();
        for (int k = 0; k < n; k++) {
          buf.put(k, (byte) (v[k] ? 1 : 0));
        }
        break;
      }
      default:
        throw new OnnxExportException("dtype " + t.dtype() + " has no ONNX counterpart");
    }
    return b.setRawData(ByteString.copyFrom(buf.array())).build();
  }

  /** An int64 vector initializer. */
  static TensorProto int64s(String name, long... v) {
    TensorProto.Builder b = TensorProto.newBuilder().setName(name).setDataType(INT64)
        .addDims(v.length);
    for (long x : v) {
      b.addInt64Data(x);
    }
    return b.build();
  }

  /** A value's type: element type and, if the rank is known, its shape (-1 dims unnamed). */
  static ValueInfoProto valueInfo(String name, int elemType, Shape shape) {
    TypeProto.Tensor.Builder tt = TypeProto.Tensor.newBuilder().setElemType(elemType);
    if (shape != null && shape.hasKnownRank()) {
      TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
      for (int d : shape.dims()) {
        TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
        if (d >= 0) {
          dim.setDimValue(d);
        }
        s.addDim(dim);
      }
      tt.setShape(s);
    }
    return ValueInfoProto.newBuilder().setName(name)
        .setType(TypeProto.newBuilder().setTensorType(tt)).build();
  }
}
