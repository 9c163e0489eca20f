package dev.skein.spark;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Rows to {@link Example}s: each column becomes the example value of the same name. Float and
 * double columns, and arrays of them, become float32 values; int and long columns, and arrays of
 * them, int32 values (a scalar is a value of one element). Other column types are refused, naming
 * the column. Null cells are refused when read, naming the column.
 */
public final class RowExamples {
  private RowExamples() {}

  public static JavaRDD<Example> toExamples(Dataset<Row> rows) {
    StructType schema = rows.schema();
    String[] names = schema.fieldNames();
    boolean[] floats = new boolean[names.length];
    boolean[] arrays = new boolean[names.length];
    for (int i = 0; i < names.length; i++) {
      StructField f = schema.fields()[i];
      DataType t = f.dataType();
      arrays[i] = t instanceof ArrayType;
      DataType e = t instanceof ArrayType a ? a.elementType() : t;
      if (e.equals(DataTypes.FloatType) || e.equals(DataTypes.DoubleType)) {
        floats[i] = true;
      } else if (!e.equals(DataTypes.IntegerType) && !e.equals(DataTypes.LongType)) {
        throw new IllegalArgumentException("column '" + f.name() + "' is " + t.simpleString()
            + "; examples take float, double, int and long columns and arrays of them");
      }
    }
    return rows.javaRDD().map(r -> toExample(r, names, floats, arrays));
  }

  static Example toExample(Row r, String[] names, boolean[] floats, boolean[] arrays) {
    Example.Builder b = Example.builder();
    for (int i = 0; i < names.length; i++) {
      if (r.isNullAt(i)) {
        throw new IllegalArgumentException("column '" + names[i] + "' is null in row " + r);
      }
      List<Object> cells = arrays[i] ? r.getList(i) : List.of(r.get(i));
      if (floats[i]) {
        float[] v = new float[cells.size()];
        for (int k = 0; k < v.length; k++) {
          v[k] = number(cells.get(k), names[i]).floatValue();
        }
        b.floats(names[i], v);
      } else {
        int[] v = new int[cells.size()];
        for (int k = 0; k < v.length; k++) {
          v[k] = Math.toIntExact(number(cells.get(k), names[i]).longValue());
        }
        b.ints(names[i], v);
      }
    }
    return b.build();
  }

  private static Number number(Object o, String column) {
    if (!(o instanceof Number n)) {
      throw new IllegalArgumentException("column '" + column + "' holds " + o
          + ", not a number");
    }
    return n;
  }
}
