// The quantize kernels of quantize.mlir compile with nvcc for sm_80 and
// sm_90a without register spills or local-memory stack.
// REQUIRES: nvcc
// RUN: accel-translate --accel-to-cuda --accel-sm=sm_80 %S/quantize.mlir -o %t.cu
// RUN: nvcc -std=c++17 -O3 -c %t.cu -o %t.o -gencode arch=compute_80,code=sm_80 -gencode arch=compute_90a,code=sm_90a -Xptxas -v 2>&1 | FileCheck %s

// CHECK-NOT: {{[1-9][0-9]*}} bytes stack frame
// CHECK-NOT: {{[1-9][0-9]*}} bytes spill
// CHECK: Compiling entry function '_ZN18accelkern_quantize14quantizeKernel
// CHECK-NOT: {{[1-9][0-9]*}} bytes stack frame
// CHECK-NOT: {{[1-9][0-9]*}} bytes spill
