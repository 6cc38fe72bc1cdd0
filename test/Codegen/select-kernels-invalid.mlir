// RUN: accel-opt %s --accel-select-kernels=target=sm_80 -split-input-file -verify-diagnostics
// RUN: not accel-opt %s --accel-select-kernels -split-input-file 2>&1 | FileCheck %s --check-prefix=NOTARGET
// RUN: not accel-opt %s --accel-select-kernels=target=sm_75 -split-input-file 2>&1 | FileCheck %s --check-prefix=OLDSM
// RUN: not accel-opt %s --accel-select-kernels="target=sm_80 tuning-table=%t.missing" 2>&1 | FileCheck %s --check-prefix=MISSING
// RUN: not accel-opt %s --accel-select-kernels="target=sm_80 tuning-table=%S/Inputs/tuning-table-short.txt" 2>&1 | FileCheck %s --check-prefix=SHORT
// RUN: not accel-opt %s --accel-select-kernels="target=sm_80 tuning-table=%S/Inputs/tuning-table-family.txt" 2>&1 | FileCheck %s --check-prefix=FAMILY
// RUN: not accel-opt %s --accel-select-kernels="target=sm_80 tuning-table=%S/Inputs/tuning-table-duplicate.txt" 2>&1 | FileCheck %s --check-prefix=DUPLICATE
// RUN: not accel-opt %s --accel-select-kernels="target=sm_80 tuning-table=%S/Inputs/tuning-table-trailing.txt" 2>&1 | FileCheck %s --check-prefix=TRAILING
// RUN: not accel-opt %s --accel-select-kernels="target=sm_80 tuning-table=%S/Inputs/tuning-table-knobs.txt" 2>&1 | FileCheck %s --check-prefix=KNOBS
// RUN: not accel-opt %s --accel-select-kernels="target=sm_80 tuning-table=%S/Inputs/tuning-table-chip.txt" 2>&1 | FileCheck %s --check-prefix=CHIP
// RUN: not accel-opt %s --accel-select-kernels="target=sm_80 tuning-table=%S/Inputs/tuning-table-misfit.txt" -split-input-file 2>&1 | FileCheck %s --check-prefix=MISFIT

// NOTARGET: error: accel-select-kernels needs a target: a module attribute accel.target = #accel.cuda_target<chip = "..."> or the pass option target=<chip>
// OLDSM: error: unsupported target=sm_75: accel's CUDA kernels need sm_80 to sm_129 (e.g. sm_80, sm_90a)
// MISSING: error: cannot read the tuning table '{{.*}}.missing': {{[Nn]}}o such file or directory
// SHORT: tuning-table-short.txt:1:1: error: expects a tuning-table entry '<family> <signature> <chip> <config attribute>', got 'attention bf16.d64 sm_80'
// FAMILY: tuning-table-family.txt:2:1: error: expects a config of family 'attention', got #accel.attention_grad_sm80_config<num_warps = 2> (family 'attention_grad')
// DUPLICATE: tuning-table-duplicate.txt:2:1: error: expects one entry per family, signature and chip, got a second one for 'attention bf16.d64 sm_80'
// DUPLICATE: tuning-table-duplicate.txt:1:1: note: the first one is here
// TRAILING: tuning-table-trailing.txt:1:1: error: expects a kernel config attribute, got '#accel.attention_sm80_config<block_n = 64, num_warps = 4> extra': unexpected text after the attribute: 'extra'
// KNOBS: tuning-table-knobs.txt:1:1: error: expects a kernel config attribute, got '#accel.attention_sm80_config<block_n = 40, num_warps = 4>': '#accel.attention_sm80_config' expects block_n to be a multiple of 16 from 16 to 256, got 40
// CHIP: tuning-table-chip.txt:1:1: error: expects a chip from sm_80 to sm_129, got 'sm_7x'
// MISFIT: error: 'accel.attention' op expects the tiles of #accel.attention_sm80_config<block_n = 64, num_warps = 8> to fit in 49152 bytes of static shared memory, got 65536
// MISFIT: tuning-table-misfit.txt:2:1: remark: the tuning-table entry chosen for the op above, which does not fit it

module attributes {accel.target = #accel.cuda_target<chip = "sm_90a">} {
  // expected-error @-1 {{'builtin.module' op is compiled for sm_90a (its accel.target), but target=sm_80 asks for another target}}
}

// -----

func.func @no_kernel(%x: tensor<4x8xf16>, %i: tensor<3xi64>) -> tensor<3x8xf16> {
  // expected-error @+1 {{'accel.gather_rows' op has no CUDA kernel yet (the CUDA backend emits: attention, attention_simt, attention_grad, gemm_f32, gemm, quantized_gemm, quantize, monarch, generic)}}
  %0 = accel.gather_rows %x, %i : (tensor<4x8xf16>, tensor<3xi64>) -> tensor<3x8xf16>
  return %0 : tensor<3x8xf16>
}

// -----

func.func @f32_matmul_batch_dims(%a: tensor<1x1x1x1x2x4x8xf32>, %b: tensor<8x16xf32>) -> tensor<1x1x1x1x2x4x16xf32> {
  // expected-error @+1 {{'accel.matmul' op has 5 batch dims; the CUDA GEMM kernels index at most 4}}
  %0 = accel.matmul %a, %b : (tensor<1x1x1x1x2x4x8xf32>, tensor<8x16xf32>) -> tensor<1x1x1x1x2x4x16xf32>
  return %0 : tensor<1x1x1x1x2x4x16xf32>
}

// -----

func.func @unsupported(%q: tensor<1x1x64x320xbf16>) -> tensor<1x1x64x320xbf16> {
  // expected-error @+1 {{'accel.attention' op supports a head dim from 1 to 256, got 320 (CUDA attention kernel, sm_80)}}
  %o = accel.attention %q, %q, %q : (tensor<1x1x64x320xbf16>, tensor<1x1x64x320xbf16>, tensor<1x1x64x320xbf16>) -> tensor<1x1x64x320xbf16>
  return %o : tensor<1x1x64x320xbf16>
}

// -----

func.func @misfit(%q: tensor<1x1x64x128xbf16>) -> tensor<1x1x64x128xbf16> {
  %o = accel.attention %q, %q, %q : (tensor<1x1x64x128xbf16>, tensor<1x1x64x128xbf16>, tensor<1x1x64x128xbf16>) -> tensor<1x1x64x128xbf16>
  return %o : tensor<1x1x64x128xbf16>
}
