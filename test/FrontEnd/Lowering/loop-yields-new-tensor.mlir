// An scf.for whose yielded tensor is not its iter_arg's buffer (what
// jax.lax.fori_loop becomes) bufferizes with copies instead of being
// refused ("Yield operand #0 is not equivalent to the corresponding iter
// bbArg"), and computes the right values. Expected: numpy.
// RUN: %numpy_python -c "import numpy as np; x = np.arange(1, 5, dtype=np.float32); y = -x; np.save('%t.x.npy', x); np.save('%t.y.npy', y); np.save('%t.sum.npy', 4 * x); np.save('%t.swapped0.npy', y); np.save('%t.swapped1.npy', x)"
// RUN: accel-run %s --entry=accumulate --input=@%t.x.npy --output=@%t.got.npy
// RUN: %numpy_python %S/../compare_npy.py %t.got.npy %t.sum.npy
// Three swaps of two iter_args: each yields the other's buffer.
// RUN: accel-run %s --entry=swap --input=@%t.x.npy --input=@%t.y.npy --output=@%t.s0.npy --output=@%t.s1.npy
// RUN: %numpy_python %S/../compare_npy.py %t.s0.npy %t.swapped0.npy
// RUN: %numpy_python %S/../compare_npy.py %t.s1.npy %t.swapped1.npy
// RUN: not %numpy_python %S/../compare_npy.py %t.s0.npy %t.swapped1.npy

func.func @accumulate(%x: tensor<4xf32>) -> tensor<4xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %r = scf.for %i = %c0 to %c3 step %c1 iter_args(%acc = %x) -> (tensor<4xf32>) {
    %e = tensor.empty() : tensor<4xf32>
    %s = linalg.add ins(%acc, %x : tensor<4xf32>, tensor<4xf32>) outs(%e : tensor<4xf32>) -> tensor<4xf32>
    scf.yield %s : tensor<4xf32>
  }
  return %r : tensor<4xf32>
}

func.func @swap(%x: tensor<4xf32>, %y: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %c0 = arith.constant 0 : i32
  %c1 = arith.constant 1 : i32
  %c3 = arith.constant 3 : i32
  %r:2 = scf.for %i = %c0 to %c3 step %c1 iter_args(%a = %x, %b = %y) -> (tensor<4xf32>, tensor<4xf32>) : i32 {
    scf.yield %b, %a : tensor<4xf32>, tensor<4xf32>
  }
  return %r#0, %r#1 : tensor<4xf32>, tensor<4xf32>
}
