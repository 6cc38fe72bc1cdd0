// tensor.bitcast runs (it used to be "op was not bufferized"):
// accel-lower-tensor-bitcast makes it an elementwise arith.bitcast.
// Expected: numpy's view of the same bits.
// RUN: %numpy_python -c "import numpy as np; x = np.array([1.0, -2.5, 0.0, 3.0e38, -0.0, 1e-40], np.float32); np.save('%t.x.npy', x); np.save('%t.bits.npy', x.view(np.int32))"
// RUN: accel-run %s --entry=bits --input=@%t.x.npy --output=@%t.got.npy --output=@%t.back.npy
// RUN: %numpy_python %S/../compare_npy.py %t.got.npy %t.bits.npy
// RUN: %numpy_python %S/../compare_npy.py %t.back.npy %t.x.npy
// RUN: not accel-run %s --entry=unsigned 2>&1 | FileCheck %s

func.func @bits(%x: tensor<6xf32>) -> (tensor<6xi32>, tensor<6xf32>) {
  %b = tensor.bitcast %x : tensor<6xf32> to tensor<6xi32>
  %d = tensor.cast %b : tensor<6xi32> to tensor<?xi32>
  %f = tensor.bitcast %d : tensor<?xi32> to tensor<?xf32>
  %s = tensor.cast %f : tensor<?xf32> to tensor<6xf32>
  return %b, %s : tensor<6xi32>, tensor<6xf32>
}

// CHECK: error: 'tensor.bitcast' op from 'i32' to 'ui32' is not supported by the CPU lowering (arith.bitcast takes signless integers and floats only)
func.func @unsigned(%x: tensor<6xi32>) -> tensor<6xi32> {
  %b = tensor.bitcast %x : tensor<6xi32> to tensor<6xui32>
  %c = tensor.bitcast %b : tensor<6xui32> to tensor<6xi32>
  return %c : tensor<6xi32>
}
