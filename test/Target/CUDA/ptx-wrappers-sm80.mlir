// The PTX that NVRTC emits for every inline-PTX wrapper of the sm_80
// kernels (AttentionForwardSm80.cuh, shared by the backward): the CPU
// emulation checks what the wrappers mean, this checks what they say.
// cp.async with the source size register (16, or 0 to zero-fill) and its
// commit / wait groups; ldmatrix .x4 for Q and K and .x4.trans for V; and
// mma.sync m16n8k16 (bf16 and f16) with A from the Q ldmatrix, B from the
// K (or V) ldmatrix's first register pair, then its second, and C the
// same registers as D (accumulate in place).
// REQUIRES: nvcc
// RUN: accel-translate --accel-to-ptx --accel-sm=sm_80 %s | FileCheck %s

// CHECK: .target sm_80

// CHECK-LABEL: .entry _ZN19accelkern_attention22attentionForwardKernelI13__nv_bfloat16Li64ELi64ELi64ELi4ELb0ELb0ELb0ELb0EEEvNS_13ForwardParamsE(
// CHECK: selp.b32 [[SIZE:%r[0-9]+]], 16, 0, %p{{[0-9]+}};
// CHECK: cp.async.cg.shared.global [%r{{[0-9]+}}], [%rd{{[0-9]+}}], 16, [[SIZE]];
// CHECK: cp.async.commit_group;
// CHECK: cp.async.wait_group 0;
// CHECK: ldmatrix.sync.aligned.m8n8.x4.shared.b16 {{\{}}[[A0:%r[0-9]+]],[[A1:%r[0-9]+]],[[A2:%r[0-9]+]],[[A3:%r[0-9]+]]{{[}]}}, [%r{{[0-9]+}}];
// CHECK: ldmatrix.sync.aligned.m8n8.x4.shared.b16 {{\{}}[[B0:%r[0-9]+]],[[B1:%r[0-9]+]],[[B2:%r[0-9]+]],[[B3:%r[0-9]+]]{{[}]}}, [%r{{[0-9]+}}];
// CHECK: mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32 {{\{}}[[C0:%f[0-9]+]],[[C1:%f[0-9]+]],[[C2:%f[0-9]+]],[[C3:%f[0-9]+]]{{[}]}}, {{\{}}[[A0]],[[A1]],[[A2]],[[A3]]{{[}]}}, {{\{}}[[B0]],[[B1]]{{[}]}}, {{\{}}[[C0]],[[C1]],[[C2]],[[C3]]{{[}]}};
// CHECK: mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32 {{\{}}[[D0:%f[0-9]+]],[[D1:%f[0-9]+]],[[D2:%f[0-9]+]],[[D3:%f[0-9]+]]{{[}]}}, {{\{}}[[A0]],[[A1]],[[A2]],[[A3]]{{[}]}}, {{\{}}[[B2]],[[B3]]{{[}]}}, {{\{}}[[D0]],[[D1]],[[D2]],[[D3]]{{[}]}};
// CHECK: cp.async.wait_group 1;
// CHECK: ldmatrix.sync.aligned.m8n8.x4.trans.shared.b16 {{\{}}[[V0:%r[0-9]+]],[[V1:%r[0-9]+]],[[V2:%r[0-9]+]],[[V3:%r[0-9]+]]{{[}]}}, [%r{{[0-9]+}}];
// CHECK: mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32 {{\{}}[[O0:%f[0-9]+]],[[O1:%f[0-9]+]],[[O2:%f[0-9]+]],[[O3:%f[0-9]+]]{{[}]}}, {{\{}}%r{{[0-9]+}},%r{{[0-9]+}},%r{{[0-9]+}},%r{{[0-9]+}}{{[}]}}, {{\{}}[[V0]],[[V1]]{{[}]}}, {{\{}}[[O0]],[[O1]],[[O2]],[[O3]]{{[}]}};
// CHECK: mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32 {{\{}}[[P0:%f[0-9]+]],[[P1:%f[0-9]+]],[[P2:%f[0-9]+]],[[P3:%f[0-9]+]]{{[}]}}, {{\{}}%r{{[0-9]+}},%r{{[0-9]+}},%r{{[0-9]+}},%r{{[0-9]+}}{{[}]}}, {{\{}}[[V2]],[[V3]]{{[}]}}, {{\{}}[[P0]],[[P1]],[[P2]],[[P3]]{{[}]}};
func.func @bf16_d64(%q: tensor<1x2x256x64xbf16>, %k: tensor<1x2x256x64xbf16>, %v: tensor<1x2x256x64xbf16>) -> tensor<1x2x256x64xbf16> {
  %o = accel.attention %q, %k, %v : (tensor<1x2x256x64xbf16>, tensor<1x2x256x64xbf16>, tensor<1x2x256x64xbf16>) -> tensor<1x2x256x64xbf16>
  return %o : tensor<1x2x256x64xbf16>
}

// CHECK-LABEL: .entry _ZN19accelkern_attention22attentionForwardKernelI6__halfLi64ELi64ELi64ELi4ELb0ELb0ELb0ELb0EEEvNS_13ForwardParamsE(
// CHECK: selp.b32 [[SIZE:%r[0-9]+]], 16, 0, %p{{[0-9]+}};
// CHECK: cp.async.cg.shared.global [%r{{[0-9]+}}], [%rd{{[0-9]+}}], 16, [[SIZE]];
// CHECK: cp.async.commit_group;
// CHECK: cp.async.wait_group 0;
// CHECK: ldmatrix.sync.aligned.m8n8.x4.shared.b16 {{\{}}[[A0:%r[0-9]+]],[[A1:%r[0-9]+]],[[A2:%r[0-9]+]],[[A3:%r[0-9]+]]{{[}]}}, [%r{{[0-9]+}}];
// CHECK: ldmatrix.sync.aligned.m8n8.x4.shared.b16 {{\{}}[[B0:%r[0-9]+]],[[B1:%r[0-9]+]],[[B2:%r[0-9]+]],[[B3:%r[0-9]+]]{{[}]}}, [%r{{[0-9]+}}];
// CHECK: mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32 {{\{}}[[C0:%f[0-9]+]],[[C1:%f[0-9]+]],[[C2:%f[0-9]+]],[[C3:%f[0-9]+]]{{[}]}}, {{\{}}[[A0]],[[A1]],[[A2]],[[A3]]{{[}]}}, {{\{}}[[B0]],[[B1]]{{[}]}}, {{\{}}[[C0]],[[C1]],[[C2]],[[C3]]{{[}]}};
// CHECK: mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32 {{\{}}[[D0:%f[0-9]+]],[[D1:%f[0-9]+]],[[D2:%f[0-9]+]],[[D3:%f[0-9]+]]{{[}]}}, {{\{}}[[A0]],[[A1]],[[A2]],[[A3]]{{[}]}}, {{\{}}[[B2]],[[B3]]{{[}]}}, {{\{}}[[D0]],[[D1]],[[D2]],[[D3]]{{[}]}};
// CHECK: cp.async.wait_group 1;
// CHECK: ldmatrix.sync.aligned.m8n8.x4.trans.shared.b16 {{\{}}[[V0:%r[0-9]+]],[[V1:%r[0-9]+]],[[V2:%r[0-9]+]],[[V3:%r[0-9]+]]{{[}]}}, [%r{{[0-9]+}}];
// CHECK: mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32 {{\{}}[[O0:%f[0-9]+]],[[O1:%f[0-9]+]],[[O2:%f[0-9]+]],[[O3:%f[0-9]+]]{{[}]}}, {{\{}}%r{{[0-9]+}},%r{{[0-9]+}},%r{{[0-9]+}},%r{{[0-9]+}}{{[}]}}, {{\{}}[[V0]],[[V1]]{{[}]}}, {{\{}}[[O0]],[[O1]],[[O2]],[[O3]]{{[}]}};
// CHECK: mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32 {{\{}}[[P0:%f[0-9]+]],[[P1:%f[0-9]+]],[[P2:%f[0-9]+]],[[P3:%f[0-9]+]]{{[}]}}, {{\{}}%r{{[0-9]+}},%r{{[0-9]+}},%r{{[0-9]+}},%r{{[0-9]+}}{{[}]}}, {{\{}}[[V2]],[[V3]]{{[}]}}, {{\{}}[[P0]],[[P1]],[[P2]],[[P3]]{{[}]}};
func.func @f16_d64(%q: tensor<1x2x256x64xf16>, %k: tensor<1x2x256x64xf16>, %v: tensor<1x2x256x64xf16>) -> tensor<1x2x256x64xf16> {
  %o = accel.attention %q, %k, %v : (tensor<1x2x256x64xf16>, tensor<1x2x256x64xf16>, tensor<1x2x256x64xf16>) -> tensor<1x2x256x64xf16>
  return %o : tensor<1x2x256x64xf16>
}
