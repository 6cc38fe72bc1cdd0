// The CUDA-core attention kernels of attention-simt.mlir (f32 with lse and
// GQA, a bias, bf16 sharded at d = 96, f16 with Dv != D, f32 at d = 256
// with 64 x 64 tiles: 64 accumulators of O a thread) compile with nvcc for
// sm_80 and sm_90a with no register spills and no stack frame.
// REQUIRES: nvcc
// RUN: accel-translate --accel-to-cuda --accel-sm=sm_80 %S/attention-simt.mlir -o %t.cu
// RUN: nvcc -std=c++17 -O3 -c %t.cu -o %t.o -gencode arch=compute_80,code=sm_80 -gencode arch=compute_90a,code=sm_90a -Xptxas -v 2>&1 | FileCheck %s

// CHECK-NOT: {{[1-9][0-9]*}} bytes stack frame
// CHECK-NOT: {{[1-9][0-9]*}} bytes spill
// CHECK: Compiling entry function '_ZN19accelkern_attention26attentionForwardSimtKernelIfLi256ELi256ELi64ELi64E
// CHECK-NOT: {{[1-9][0-9]*}} bytes stack frame
// CHECK-NOT: {{[1-9][0-9]*}} bytes spill
