// tensor.scatter runs (it used to be "op was not bufferized"):
// accel-lower-tensor-scatter makes it loops of tensor.insert. Expected:
// numpy, for rows into a matrix (unit dim kept) and single elements
// (rank-reduced source), with the destination's other elements kept.
// RUN: %numpy_python -c "import numpy as np; d = np.arange(15, dtype=np.float32).reshape(5, 3); np.save('%t.d.npy', d); s = -np.arange(1, 7, dtype=np.float32).reshape(2, 1, 3); np.save('%t.s.npy', s); i = np.array([[3], [0]], np.int32); np.save('%t.i.npy', i); r = d.copy(); r[i[:, 0]] = s[:, 0]; np.save('%t.rows.npy', r); e = np.array([10.0, 20.0, 30.0], np.float32); np.save('%t.e.npy', e); j = np.array([[4, 2], [0, 1], [2, 0]], np.int32); np.save('%t.j.npy', j); q = d.copy(); q[j[:, 0], j[:, 1]] = e; np.save('%t.points.npy', q)"
// RUN: accel-run %s --entry=rows --input=@%t.s.npy --input=@%t.d.npy --input=@%t.i.npy --output=@%t.got_rows.npy
// RUN: %numpy_python %S/../compare_npy.py %t.got_rows.npy %t.rows.npy
// RUN: accel-run %s --entry=points --input=@%t.e.npy --input=@%t.d.npy --input=@%t.j.npy --output=@%t.got_points.npy
// RUN: %numpy_python %S/../compare_npy.py %t.got_points.npy %t.points.npy
// RUN: not %numpy_python %S/../compare_npy.py %t.got_points.npy %t.d.npy

func.func @rows(%s: tensor<2x1x3xf32>, %d: tensor<5x3xf32>, %i: tensor<2x1xi32>) -> tensor<5x3xf32> {
  %r = tensor.scatter %s into %d[%i] scatter_dims([0]) unique : (tensor<2x1x3xf32>, tensor<5x3xf32>, tensor<2x1xi32>) -> tensor<5x3xf32>
  return %r : tensor<5x3xf32>
}

func.func @points(%e: tensor<3xf32>, %d: tensor<5x3xf32>, %j: tensor<3x2xi32>) -> tensor<5x3xf32> {
  %r = tensor.scatter %e into %d[%j] scatter_dims([0, 1]) unique : (tensor<3xf32>, tensor<5x3xf32>, tensor<3x2xi32>) -> tensor<5x3xf32>
  return %r : tensor<5x3xf32>
}
