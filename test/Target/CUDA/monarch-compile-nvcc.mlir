// The Monarch family's kernels (monarch.mlir's: a block-diagonal product,
// fused epilogues, the first factor's Intermediate) compile with nvcc for
// sm_80 and sm_90a with no register spills and no stack frame, and the
// NVRTC path makes PTX of both factors' kernels (the Intermediate one from
// the config's auxiliary instances) with mma.sync.
// REQUIRES: nvcc
// RUN: accel-opt %S/monarch.mlir --accel-fuse-epilogue -o %t.mlir
// RUN: accel-translate --accel-to-cuda --accel-sm=sm_80 %t.mlir -o %t.cu
// RUN: nvcc -std=c++17 -O3 -c %t.cu -o %t.o -gencode arch=compute_80,code=sm_80 -gencode arch=compute_90a,code=sm_90a -Xptxas -v 2>&1 | FileCheck %s
// RUN: accel-translate --accel-to-ptx --accel-sm=sm_90a %t.mlir | FileCheck %s --check-prefix=PTX

// CHECK-NOT: {{[1-9][0-9]*}} bytes stack frame
// CHECK-NOT: {{[1-9][0-9]*}} bytes spill
// CHECK: Compiling entry function '_ZN14accelkern_gemm10gemmKernel{{.*}}accelkern_monarch
// CHECK-NOT: {{[1-9][0-9]*}} bytes stack frame
// CHECK-NOT: {{[1-9][0-9]*}} bytes spill
// PTX: .target sm_90a
// PTX-DAG: .entry _ZN14accelkern_gemm10gemmKernelI6__halfS1_N17accelkern_monarch12IntermediateE
// PTX-DAG: .entry _ZN14accelkern_gemm10gemmKernelI6__halfS1_N17accelkern_monarch15PermutedColumnsI
// PTX-DAG: .entry _ZN14accelkern_gemm10gemmKernelI13__nv_bfloat16S1_N17accelkern_monarch15PermutedColumnsI
// PTX-DAG: .entry _ZN14accelkern_gemm10gemmKernelI13__nv_bfloat16f30AccelEpilogue_
// PTX: mma.sync.aligned.m16n8k16.row.col.f32
