/**
 * Export of an inference graph to ONNX, for ONNX Runtime: {@link
 * dev.skein.onnx.OnnxExporter#export} freezes the session's variables into initializers, writes
 * the ops the fetches need (dynamicRnn's While loop as an ONNX Loop) and refuses an op it cannot
 * write with an {@link dev.skein.onnx.OnnxExportException} naming it.
 */
package dev.skein.onnx;
