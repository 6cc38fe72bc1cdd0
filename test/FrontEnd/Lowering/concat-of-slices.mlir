// tensor.concat of tensor.extract_slices runs (it used to need memrefCopy
// from MLIR's runtime library, which accel-run does not link): the strided
// copies become loops (accel-lower-strided-copies). Expected: numpy.
// RUN: %numpy_python -c "import numpy as np; x = np.arange(24, dtype=np.float32).reshape(4, 6); np.save('%t.x.npy', x); np.save('%t.want.npy', np.concatenate([x[:, 3:], x[:, :3]], 1)); np.save('%t.want_rows.npy', np.concatenate([x[1:3, 1:5], x[0:2, 0:4], x[3:, 2:]], 0))"
// RUN: accel-run %s --entry=swap_halves --input=@%t.x.npy --output=@%t.got.npy
// RUN: %numpy_python %S/../compare_npy.py %t.got.npy %t.want.npy
// RUN: accel-run %s --entry=stack_blocks --input=@%t.x.npy --output=@%t.rows.npy
// RUN: %numpy_python %S/../compare_npy.py %t.rows.npy %t.want_rows.npy
// The comparison sees a wrong order.
// RUN: not %numpy_python %S/../compare_npy.py %t.got.npy %t.x.npy

func.func @swap_halves(%x: tensor<4x6xf32>) -> tensor<4x6xf32> {
  %a = tensor.extract_slice %x[0, 0] [4, 3] [1, 1] : tensor<4x6xf32> to tensor<4x3xf32>
  %b = tensor.extract_slice %x[0, 3] [4, 3] [1, 1] : tensor<4x6xf32> to tensor<4x3xf32>
  %r = tensor.concat dim(1) %b, %a : (tensor<4x3xf32>, tensor<4x3xf32>) -> tensor<4x6xf32>
  return %r : tensor<4x6xf32>
}

func.func @stack_blocks(%x: tensor<4x6xf32>) -> tensor<5x4xf32> {
  %a = tensor.extract_slice %x[1, 1] [2, 4] [1, 1] : tensor<4x6xf32> to tensor<2x4xf32>
  %b = tensor.extract_slice %x[0, 0] [2, 4] [1, 1] : tensor<4x6xf32> to tensor<2x4xf32>
  %c = tensor.extract_slice %x[3, 2] [1, 4] [1, 1] : tensor<4x6xf32> to tensor<1x4xf32>
  %r = tensor.concat dim(0) %a, %b, %c : (tensor<2x4xf32>, tensor<2x4xf32>, tensor<1x4xf32>) -> tensor<5x4xf32>
  return %r : tensor<5x4xf32>
}
