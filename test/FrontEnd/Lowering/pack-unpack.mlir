// linalg.pack and linalg.unpack run (they used to be "op was not
// bufferized"): accel-lower-pack-unpack applies upstream's lowering.
// Expected: numpy, including a padded tile and an outer permutation.
// RUN: %numpy_python -c "import numpy as np; x = np.arange(30, dtype=np.float32).reshape(5, 6); np.save('%t.x.npy', x); p = np.full((6, 6), -1.0, np.float32); p[:5] = x; np.save('%t.packed.npy', p.reshape(3, 2, 3, 2).transpose(2, 0, 1, 3))"
// RUN: accel-run %s --entry=pack --input=@%t.x.npy --output=@%t.got.npy
// RUN: %numpy_python %S/../compare_npy.py %t.got.npy %t.packed.npy
// RUN: accel-run %s --entry=unpack --input=@%t.packed.npy --output=@%t.back.npy
// RUN: %numpy_python %S/../compare_npy.py %t.back.npy %t.x.npy
// RUN: not %numpy_python %S/../compare_npy.py %t.got.npy %t.x.npy

func.func @pack(%x: tensor<5x6xf32>) -> tensor<3x3x2x2xf32> {
  %pad = arith.constant -1.0 : f32
  %e = tensor.empty() : tensor<3x3x2x2xf32>
  %r = linalg.pack %x padding_value(%pad : f32) outer_dims_perm = [1, 0] inner_dims_pos = [0, 1] inner_tiles = [2, 2] into %e : tensor<5x6xf32> -> tensor<3x3x2x2xf32>
  return %r : tensor<3x3x2x2xf32>
}

func.func @unpack(%x: tensor<3x3x2x2xf32>) -> tensor<5x6xf32> {
  %e = tensor.empty() : tensor<5x6xf32>
  %r = linalg.unpack %x outer_dims_perm = [1, 0] inner_dims_pos = [0, 1] inner_tiles = [2, 2] into %e : tensor<3x3x2x2xf32> -> tensor<5x6xf32>
  return %r : tensor<5x6xf32>
}
