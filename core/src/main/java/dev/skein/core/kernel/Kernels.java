package dev.skein.core.kernel;

import java.util.Objects;

/**
 * Holds the kernels ops call. The matmul kernel is {@link VectorMatMulKernel} when the JVM runs
 * with {@code --add-modules jdk.incubator.vector} (the Vector API), else
 * {@link BlockedMatMulKernel}, unless the system property {@code skein.matmul.kernel} names
 * another {@link MatMulKernel} class (with a public no-argument constructor), or a program
 * installs one with {@link #setMatMul}.
 */
public final class Kernels {
  private static volatile MatMulKernel matMul = defaultMatMul();

  private Kernels() {}

  public static MatMulKernel matMul() {
    return matMul;
  }

  /** Installs a matmul kernel for every op run from now on; returns the previous one. */
  public static MatMulKernel setMatMul(MatMulKernel kernel) {
    MatMulKernel old = matMul;
    matMul = Objects.requireNonNull(kernel, "kernel");
    return old;
  }

  /** True if the JVM runs with the Vector API ({@code --add-modules jdk.incubator.vector}). */
  public static boolean vectorApiAvailable() {
    return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
  }

  /** The one warning a JVM without the Vector API gets, at the first use of any kernel. */
  static final String SCALAR_WARNING = "Skein runs its slower scalar kernels: the JVM lacks the"
      + " Vector API. Pass --add-modules jdk.incubator.vector to java (in .mvn/jvm.config for"
      + " mvn exec:java, in surefire's argLine for tests) for the fast float32 kernels;"
      + " Kernels.vectorApiAvailable() tells which ones run.";

  private static MatMulKernel defaultMatMul() {
    if (!vectorApiAvailable()) {
      System.getLogger("dev.skein.core.kernel").log(System.Logger.Level.WARNING, SCALAR_WARNING);
    }
    String cls = System.getProperty("skein.matmul.kernel");
    if (cls == null || cls.isEmpty()) {
      cls = vectorApiAvailable() ? "dev.skein.core.kernel.VectorMatMulKernel"
          : BlockedMatMulKernel.class.getName();
    }
    try {
      return (MatMulKernel) Class.forName(cls).getConstructor().newInstance();
    } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
      throw new IllegalStateException(
          "skein.matmul.kernel=" + cls + " is not a MatMulKernel with a public no-arg constructor",
          e);
    }
  }
}
