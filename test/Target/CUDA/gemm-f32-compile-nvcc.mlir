// The f32 GEMM kernels of gemm-f32.mlir compile with nvcc for sm_80 and
// sm_90a without register spills or local-memory stack (the f32 family is
// the same kernel on both targets).
// REQUIRES: nvcc
// RUN: accel-opt %S/gemm-f32.mlir --accel-fuse-epilogue -o %t.mlir
// RUN: accel-translate --accel-to-cuda --accel-sm=sm_80 %t.mlir -o %t.cu
// RUN: nvcc -std=c++17 -O3 -c %t.cu -o %t.o -gencode arch=compute_80,code=sm_80 -gencode arch=compute_90a,code=sm_90a -Xptxas -v 2>&1 | FileCheck %s

// CHECK-NOT: {{[1-9][0-9]*}} bytes stack frame
// CHECK-NOT: {{[1-9][0-9]*}} bytes spill
// CHECK: Compiling entry function '_ZN14accelkern_gemm14gemmSimtKernel
// CHECK-NOT: {{[1-9][0-9]*}} bytes stack frame
// CHECK-NOT: {{[1-9][0-9]*}} bytes spill
