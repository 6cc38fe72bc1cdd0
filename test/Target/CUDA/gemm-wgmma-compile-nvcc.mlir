// The sm_90a GEMM family compiles with nvcc: no spills and no stack for
// every kernel (the wgmma kernels of gemm-wgmma.mlir's and gemm.mlir's
// ops: 64-, 128- and 256-column tiles, b K-major and MN-major, fused
// epilogues, and their mma.sync fallbacks), and ptxas allocates exactly the
// stated setmaxnreg entry budget (kSm90EntryRegisters) for every
// gemmSm90Kernel, as the attention forward's register-budget.mlir checks:
// at any other entry count setmaxnreg.inc never completes on a GPU. The
// PTX (NVRTC) has wgmma with tnspB = 1 for b [K, N] and 0 for b [N, K].
// REQUIRES: nvcc
// RUN: accel-opt %S/gemm-wgmma.mlir --accel-fuse-epilogue -o %t1.mlir
// RUN: accel-opt %S/gemm.mlir --accel-fuse-epilogue -o %t2.mlir
// RUN: accel-translate --accel-to-cuda --accel-sm=sm_90a %t1.mlir -o %t1.cu
// RUN: accel-translate --accel-to-cuda --accel-sm=sm_90a %t2.mlir -o %t2.cu
// RUN: nvcc -std=c++17 -O3 -c %t1.cu -o %t1.o -gencode arch=compute_90a,code=sm_90a -Xptxas -v > %t1.log 2>&1
// RUN: nvcc -std=c++17 -O3 -c %t2.cu -o %t2.o -gencode arch=compute_90a,code=sm_90a -Xptxas -v > %t2.log 2>&1
// RUN: cat %t1.log %t2.log | FileCheck %s --check-prefix=SPILLS
// RUN: grep -o 'kSm90EntryRegisters = [0-9]*' %t1.cu > %t.budget
// RUN: cat %t1.log %t2.log | awk '/Compiling entry function/ { f = $0 } /setmaxnreg/ { print "warning: " $0 } /Used [0-9]+ registers/ && f ~ /gemmSm90Kernel/ { match($0, /Used [0-9]+ registers/); print substr($0, RSTART, RLENGTH); f = "" }' | sort | uniq -c >> %t.budget
// RUN: FileCheck %s --check-prefix=BUDGET < %t.budget
// RUN: accel-translate --accel-to-ptx --accel-sm=sm_90a %t1.mlir | FileCheck %s --check-prefix=PTX

// SPILLS-NOT: {{[1-9][0-9]*}} bytes stack frame
// SPILLS-NOT: {{[1-9][0-9]*}} bytes spill
// SPILLS: Compiling entry function '_ZN14accelkern_gemm14gemmSm90Kernel
// SPILLS-NOT: {{[1-9][0-9]*}} bytes stack frame
// SPILLS-NOT: {{[1-9][0-9]*}} bytes spill

// BUDGET: kSm90EntryRegisters = [[REGS:[0-9]+]]
// BUDGET-NEXT: {{^ *}}{{[0-9]+}} Used [[REGS]] registers{{$}}
// BUDGET-NOT: {{.}}

// ffn_up (b [N, K]): the 256-column tile as two m64n128 chains, K-major b.
// PTX-LABEL: .entry _ZN14accelkern_gemm14gemmSm90KernelI13__nv_bfloat16S1_{{.*}}Li256ELi4ELb1EEEvNS_14GemmSm90ParamsE(
// PTX: setmaxnreg.dec.sync.aligned.u32 24;
// PTX: cp.async.bulk.tensor.4d.shared::cluster.global.mbarrier::complete_tx::bytes
// PTX: setmaxnreg.inc.sync.aligned.u32 240;
// PTX: wgmma.mma_async.sync.aligned.m64n128k16.f32.bf16.bf16 {{.*}}, p, 1, 1, 0, 0;
// PTX: wgmma.commit_group.sync.aligned;
// PTX: wgmma.wait_group.sync.aligned 1;
// narrow (b [K, N]): MN-major b.
// PTX-LABEL: .entry _ZN14accelkern_gemm14gemmSm90KernelI6__halff{{.*}}Li128ELi6ELb0EEEvNS_14GemmSm90ParamsE(
// PTX: wgmma.mma_async.sync.aligned.m64n128k16.f32.f16.f16 {{.*}}, p, 1, 1, 0, 1;
// narrowest: m64n64.
// PTX-LABEL: .entry _ZN14accelkern_gemm14gemmSm90KernelI13__nv_bfloat16S1_{{.*}}Li64ELi8ELb1EEEvNS_14GemmSm90ParamsE(
// PTX: wgmma.mma_async.sync.aligned.m64n64k16.f32.bf16.bf16 {{.*}}, p, 1, 1, 0, 0;
