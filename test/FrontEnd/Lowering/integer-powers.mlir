// math.ipowi and math.fpowi with exponents known only at run time (libm has
// neither): convert-math-to-funcs' loops of squarings. Expected: numpy.
// RUN: %numpy_python -c "import numpy as np; a = np.array([2, -3, 5, 0, 7, -1, 1, 3], np.int32); n = np.array([10, 3, 0, 4, 2, 7, 30, 5], np.int32); x = np.array([1.5, -2.0, 0.5, 3.0, -1.25, 2.0, 10.0, 0.9], np.float32); m = np.array([2, 3, -2, 0, 5, -1, 3, 12], np.int32); np.save('%t.a.npy', a); np.save('%t.n.npy', n); np.save('%t.x.npy', x); np.save('%t.m.npy', m); np.save('%t.ipow.npy', a ** n); np.save('%t.fpow.npy', (x.astype(np.float64) ** m.astype(np.float64)).astype(np.float32))"
// RUN: accel-run %s --entry=ipow --input=@%t.a.npy --input=@%t.n.npy --output=@%t.got_i.npy
// RUN: %numpy_python %S/../compare_npy.py %t.got_i.npy %t.ipow.npy
// RUN: accel-run %s --entry=fpow --input=@%t.x.npy --input=@%t.m.npy --output=@%t.got_f.npy
// RUN: %numpy_python %S/../compare_npy.py %t.got_f.npy %t.fpow.npy
// RUN: not %numpy_python %S/../compare_npy.py %t.got_i.npy %t.a.npy

func.func @ipow(%a: tensor<8xi32>, %n: tensor<8xi32>) -> tensor<8xi32> {
  %e = tensor.empty() : tensor<8xi32>
  %r = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>], iterator_types = ["parallel"]}
      ins(%a, %n : tensor<8xi32>, tensor<8xi32>) outs(%e : tensor<8xi32>) {
  ^bb0(%b: i32, %p: i32, %o: i32):
    %v = math.ipowi %b, %p : i32
    linalg.yield %v : i32
  } -> tensor<8xi32>
  return %r : tensor<8xi32>
}

func.func @fpow(%x: tensor<8xf32>, %m: tensor<8xi32>) -> tensor<8xf32> {
  %e = tensor.empty() : tensor<8xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>], iterator_types = ["parallel"]}
      ins(%x, %m : tensor<8xf32>, tensor<8xi32>) outs(%e : tensor<8xf32>) {
  ^bb0(%b: f32, %p: i32, %o: f32):
    %v = math.fpowi %b, %p : f32, i32
    linalg.yield %v : f32
  } -> tensor<8xf32>
  return %r : tensor<8xf32>
}
