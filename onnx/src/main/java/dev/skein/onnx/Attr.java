package dev.skein.onnx;

import dev.skein.onnx.proto.OnnxProto.AttributeProto.AttributeType;
import dev.skein.onnx.proto.OnnxProto.AttributeProto;
import dev.skein.onnx.proto.OnnxProto.GraphProto;

/** ONNX node attributes. */
final class Attr {
  private Attr() {}

  static AttributeProto i(String name, long v) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeType.INT).setI(v).build();
  }

  static AttributeProto f(String name, float v) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeType.FLOAT).setF(v)
        .build();
  }

  static AttributeProto ints(String name, long... v) {
    AttributeProto.Builder b =
        AttributeProto.newBuilder().setName(name).setType(AttributeType.INTS);
    for (long x : v) {
      b.addInts(x);
    }
    return b.build();
  }

  static AttributeProto ints(String name, int... v) {
    long[] l = new long[v.length];
    for (int k = 0; k < v.length; k++) {
      l[k] = v[k];
    }
    return ints(name, l);
  }

  static AttributeProto graph(String name, GraphProto g) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeType.GRAPH).setG(g)
        .build();
  }
}
