// The 8-bit GEMM kernels of quantized-gemm.mlir (W8A8) compile with nvcc
// for sm_80 and sm_90a, and FP8's of quantized-gemm-fp8.mlir for sm_89 and
// sm_90a, without register spills or local-memory stack.
// REQUIRES: nvcc
// RUN: accel-opt %S/quantized-gemm.mlir --accel-fuse-epilogue -o %t.mlir
// RUN: accel-translate --accel-to-cuda --accel-sm=sm_80 %t.mlir -o %t.cu
// RUN: nvcc -std=c++17 -O3 -c %t.cu -o %t.o -gencode arch=compute_80,code=sm_80 -gencode arch=compute_90a,code=sm_90a -Xptxas -v 2>&1 | FileCheck %s
// RUN: accel-translate --accel-to-cuda --accel-sm=sm_90a %S/quantized-gemm-fp8.mlir -o %t.fp8.cu
// RUN: nvcc -std=c++17 -O3 -c %t.fp8.cu -o %t.fp8.o -gencode arch=compute_89,code=sm_89 -gencode arch=compute_90a,code=sm_90a -Xptxas -v 2>&1 | FileCheck %s --check-prefix=FP8

// CHECK-NOT: {{[1-9][0-9]*}} bytes stack frame
// CHECK-NOT: {{[1-9][0-9]*}} bytes spill
// CHECK: Compiling entry function '_ZN14accelkern_gemm10gemmKernelIa
// CHECK-NOT: {{[1-9][0-9]*}} bytes stack frame
// CHECK-NOT: {{[1-9][0-9]*}} bytes spill
// FP8-NOT: {{[1-9][0-9]*}} bytes stack frame
// FP8-NOT: {{[1-9][0-9]*}} bytes spill
// FP8: Compiling entry function '_ZN14accelkern_gemm10gemmKernelIN12accelkern_tc10Float8E4M3E
// FP8-NOT: {{[1-9][0-9]*}} bytes stack frame
// FP8-NOT: {{[1-9][0-9]*}} bytes spill
