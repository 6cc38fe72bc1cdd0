// RUN: accel-translate --accel-to-cuda --accel-sm=sm_80 %s -split-input-file -verify-diagnostics
// RUN: accel-translate --accel-to-ptx --accel-sm=sm_80 %s -split-input-file -verify-diagnostics

// The CUDA entry point is one block ending in func.return: a body with
// control flow is refused where it leaves the entry block, never emitted as
// an entry point that launches nothing.

// expected-note @+1 {{in @branch_to_kernel, whose body has 2 blocks}}
func.func @branch_to_kernel(%q: tensor<1x2x64x64xbf16>) -> tensor<1x2x64x64xbf16> {
  // expected-error @+1 {{'cf.br' op is control flow, which the CUDA entry point cannot emit (it needs a function body of one block ending in func.return)}}
  cf.br ^bb1
^bb1:
  %o = accel.attention %q, %q, %q : (tensor<1x2x64x64xbf16>, tensor<1x2x64x64xbf16>, tensor<1x2x64x64xbf16>) -> tensor<1x2x64x64xbf16>
  return %o : tensor<1x2x64x64xbf16>
}

// -----

// expected-note @+1 {{in @conditional, whose body has 3 blocks}}
func.func @conditional(%c: i1, %q: tensor<1x2x64x64xbf16>) -> tensor<1x2x64x64xbf16> {
  // expected-error @+1 {{'cf.cond_br' op is control flow, which the CUDA entry point cannot emit}}
  cf.cond_br %c, ^bb1, ^bb2
^bb1:
  %o = accel.attention %q, %q, %q : (tensor<1x2x64x64xbf16>, tensor<1x2x64x64xbf16>, tensor<1x2x64x64xbf16>) -> tensor<1x2x64x64xbf16>
  return %o : tensor<1x2x64x64xbf16>
^bb2:
  return %q : tensor<1x2x64x64xbf16>
}

// -----

// A second, unreachable block is refused too (nothing in it would run).
// expected-error @+1 {{'func.func' op has a body of 2 blocks, the CUDA entry point emits one block ending in func.return}}
func.func @unreachable_block(%q: tensor<1x2x64x64xbf16>) -> tensor<1x2x64x64xbf16> {
  %o = accel.attention %q, %q, %q : (tensor<1x2x64x64xbf16>, tensor<1x2x64x64xbf16>, tensor<1x2x64x64xbf16>) -> tensor<1x2x64x64xbf16>
  return %o : tensor<1x2x64x64xbf16>
^bb1:
  %p = accel.attention %q, %q, %q : (tensor<1x2x64x64xbf16>, tensor<1x2x64x64xbf16>, tensor<1x2x64x64xbf16>) -> tensor<1x2x64x64xbf16>
  return %p : tensor<1x2x64x64xbf16>
}

// -----

// Module-level ops other than functions have no CUDA meaning here (the
// function beside the nested module makes the parser wrap both).
func.func @outer(%q: tensor<1x2x64x64xbf16>) -> tensor<1x2x64x64xbf16> {
  %o = accel.attention %q, %q, %q : (tensor<1x2x64x64xbf16>, tensor<1x2x64x64xbf16>, tensor<1x2x64x64xbf16>) -> tensor<1x2x64x64xbf16>
  return %o : tensor<1x2x64x64xbf16>
}
// expected-error @+1 {{'builtin.module' op cannot be emitted by the CUDA backend (a module holds func.func entry points)}}
module @nested {
  func.func @inner(%q: tensor<1x2x64x64xbf16>) -> tensor<1x2x64x64xbf16> {
    %o = accel.attention %q, %q, %q : (tensor<1x2x64x64xbf16>, tensor<1x2x64x64xbf16>, tensor<1x2x64x64xbf16>) -> tensor<1x2x64x64xbf16>
    return %o : tensor<1x2x64x64xbf16>
  }
}
