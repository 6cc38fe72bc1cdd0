// tensor.gather runs (it used to be "op was not bufferized"):
// accel-lower-tensor-gather makes it a linalg.generic of tensor.extract.
// Expected: numpy, for rows of a matrix, two gathered dims (kept as unit
// dims and dropped), and a dynamic batch.
// RUN: %numpy_python -c "import numpy as np; x = np.arange(60, dtype=np.float32).reshape(3, 4, 5); np.save('%t.x.npy', x); i = np.array([[2], [0], [2]], np.int32); np.save('%t.i.npy', i); np.save('%t.rows.npy', x[i[:, 0]][:, None]); j = np.array([[[0, 3], [2, 1]]], np.int32); np.save('%t.j.npy', j); g = x[j[..., 0], :, j[..., 1]]; np.save('%t.kept.npy', g[:, :, None, :, None]); np.save('%t.dropped.npy', g)"
// RUN: accel-run %s --entry=rows --input=@%t.x.npy --input=@%t.i.npy --output=@%t.got_rows.npy
// RUN: %numpy_python %S/../compare_npy.py %t.got_rows.npy %t.rows.npy
// RUN: accel-run %s --entry=two_dims --input=@%t.x.npy --input=@%t.j.npy --output=@%t.got_kept.npy --output=@%t.got_dropped.npy
// RUN: %numpy_python %S/../compare_npy.py %t.got_kept.npy %t.kept.npy
// RUN: %numpy_python %S/../compare_npy.py %t.got_dropped.npy %t.dropped.npy
// RUN: accel-run %s --entry=rows_dynamic --keep-declared-types --input=@%t.x.npy --input=@%t.i.npy --output=@%t.got_dyn.npy
// RUN: %numpy_python %S/../compare_npy.py %t.got_dyn.npy %t.rows.npy
// RUN: not %numpy_python %S/../compare_npy.py %t.got_dropped.npy %t.kept.npy

func.func @rows(%x: tensor<3x4x5xf32>, %i: tensor<3x1xi32>) -> tensor<3x1x4x5xf32> {
  %r = tensor.gather %x[%i] gather_dims([0]) : (tensor<3x4x5xf32>, tensor<3x1xi32>) -> tensor<3x1x4x5xf32>
  return %r : tensor<3x1x4x5xf32>
}

func.func @two_dims(%x: tensor<3x4x5xf32>, %j: tensor<1x2x2xi32>) -> (tensor<1x2x1x4x1xf32>, tensor<1x2x4xf32>) {
  %k = tensor.gather %x[%j] gather_dims([0, 2]) : (tensor<3x4x5xf32>, tensor<1x2x2xi32>) -> tensor<1x2x1x4x1xf32>
  %d = tensor.gather %x[%j] gather_dims([0, 2]) : (tensor<3x4x5xf32>, tensor<1x2x2xi32>) -> tensor<1x2x4xf32>
  return %k, %d : tensor<1x2x1x4x1xf32>, tensor<1x2x4xf32>
}

func.func @rows_dynamic(%x: tensor<3x?x5xf32>, %i: tensor<?x1xi32>) -> tensor<?x1x?x5xf32> {
  %r = tensor.gather %x[%i] gather_dims([0]) : (tensor<3x?x5xf32>, tensor<?x1xi32>) -> tensor<?x1x?x5xf32>
  return %r : tensor<?x1x?x5xf32>
}
