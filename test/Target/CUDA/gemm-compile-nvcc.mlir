// The GEMM family's kernels compile with nvcc for sm_80 and sm_90a, with
// no register spills and no local-memory stack for the default configs
// (the epilogue's tensor reads index the kernel parameters with constants),
// and the NVRTC path makes PTX of mma.sync for both targets.
// REQUIRES: nvcc
// RUN: accel-opt %S/gemm.mlir --accel-fuse-epilogue -o %t.mlir
// RUN: accel-translate --accel-to-cuda --accel-sm=sm_80 %t.mlir -o %t.cu
// RUN: nvcc -std=c++17 -O3 -c %t.cu -o %t.o -gencode arch=compute_80,code=sm_80 -gencode arch=compute_90a,code=sm_90a -Xptxas -v 2>&1 | FileCheck %s
// RUN: accel-translate --accel-to-ptx --accel-sm=sm_90a %t.mlir | FileCheck %s --check-prefix=PTX

// CHECK-NOT: {{[1-9][0-9]*}} bytes stack frame
// CHECK-NOT: {{[1-9][0-9]*}} bytes spill
// CHECK: Compiling entry function '_ZN14accelkern_gemm10gemmKernel
// CHECK-NOT: {{[1-9][0-9]*}} bytes stack frame
// CHECK-NOT: {{[1-9][0-9]*}} bytes spill
// PTX: .target sm_90a
// PTX: .entry _ZN14accelkern_gemm10gemmKernel
// PTX: mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32
// PTX: ldmatrix.sync.aligned.m8n8.x4.trans.shared.b16
// PTX: cp.async.cg.shared.global
