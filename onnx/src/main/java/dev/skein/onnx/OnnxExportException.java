package dev.skein.onnx;

import dev.skein.core.SkeinException;

/** A graph, or a part of it, that the ONNX exporter cannot write; the message says which. */
public class OnnxExportException extends SkeinException {
  public OnnxExportException(String message) {
    super(message);
  }

  public OnnxExportException(String message, Throwable cause) {
    super(message, cause);
  }
}
