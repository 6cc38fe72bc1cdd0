// accel-run --device=cuda: the entry goes through accel-translate's CUDA,
// nvcc and the CUDA driver. Without a GPU the translation and the nvcc
// build still happen (and are checked here), then --compare-device=cpu says
// it skipped; on a GPU machine the same command runs the entry and compares
// it with the CPU reference (the one-command correctness check).
// REQUIRES: nvcc
// RUN: accel-run %s --entry=attention --input=1x2x77x64 --input=1x2x77x64 --input=1x2x77x64 --device=cuda --compare-device=cpu --accel-sm=sm_80 | FileCheck %s
// CHECK: {{compare-device: skipped: no CUDA device \(.*\)|compare: result #0 ok}}
// Errors that do not depend on the machine:
// RUN: not accel-run %s --entry=attention --input=1x2x7x64 --input=1x2x7x64 --input=1x2x7x64 --device=gpu 2>&1 | FileCheck %s --check-prefix=DEVICE
// DEVICE: accel-run: --device must be cpu or cuda, got 'gpu'
// RUN: not accel-run %s --entry=attention --input=1x2x7x64 --input=1x2x7x64 --input=1x2x7x64 --compare-device=cpu 2>&1 | FileCheck %s --check-prefix=PAIR
// PAIR: accel-run: --compare-device=cpu goes with --device=cuda
// RUN: not accel-run %s --entry=attention --input=1x2x7x64 --input=1x2x7x64 --input=1x2x7x64 --device=cuda 2>&1 | FileCheck %s --check-prefix=DYNAMIC
// DYNAMIC: accel-run: --device=cuda: result #0 has a dynamic shape; run with --compare-device=cpu so that the CPU run sizes it
// RUN: not accel-run %s --entry=attention --input=1x2x7x64 --input=1x2x7x64 --input=1x2x7x64 --device=cuda --compare-device=cpu --nvcc=%t.missing-compiler 2>&1 | FileCheck %s --check-prefix=NVCC
// NVCC: accel-run: --device=cuda: no nvcc at '{{.*}}missing-compiler' (set ACCEL_NVCC)
// RUN: not accel-run %s --entry=unsupported --input=4x4 --device=cuda --compare-device=cpu 2>&1 | FileCheck %s --check-prefix=TRANSLATE
// TRANSLATE: error: 'math.cbrt' op has no CUDA kernel yet
// TRANSLATE: accel-run: --device=cuda: translation to CUDA failed

// A function named like the kernels' own namespace used to make CUDA that
// nvcc rejected; the templates now live outside accel_*.
func.func @attention(%q: tensor<1x2x?x64xbf16>, %k: tensor<1x2x?x64xbf16>, %v: tensor<1x2x?x64xbf16>) -> tensor<1x2x?x64xbf16> {
  %o = accel.attention %q, %k, %v {causal = true} : (tensor<1x2x?x64xbf16>, tensor<1x2x?x64xbf16>, tensor<1x2x?x64xbf16>) -> tensor<1x2x?x64xbf16>
  return %o : tensor<1x2x?x64xbf16>
}

func.func @unsupported(%x: tensor<4x4xf32>) -> tensor<4x4xf32> {
  %y = math.cbrt %x : tensor<4x4xf32>
  return %y : tensor<4x4xf32>
}
