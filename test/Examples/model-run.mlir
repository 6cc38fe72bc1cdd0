// The shipped example runs on the CPU, and accel-optimize does not change
// what any of its functions computes.
// RUN: accel-run %S/../../examples/model.mlir --entry=transformer_block --pipeline=accel-optimize --compare-pipeline=none | FileCheck %s
// RUN: accel-run %S/../../examples/model.mlir --entry=rgcn_layer --input=1000x64 --input=5000 --input=5000 --input=5000 --pipeline=accel-optimize --compare-pipeline=none | FileCheck %s
// RUN: accel-run %S/../../examples/model.mlir --entry=w8a8_linear --input=16x4096 --pipeline=accel-optimize --compare-pipeline=none | FileCheck %s

// CHECK: compare: result #0 ok
