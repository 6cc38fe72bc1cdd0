// A failed run-time check is the user's bad data, not a compiler crash:
// accel-run prints one located diagnostic and exits 1; no crash banner, no
// stack dump, nothing else.
//
// RUN: not accel-run %s --entry=gather --input=3x2 --input=@%S/Inputs/ids-0-3.npy 2>&1 \
// RUN:   | FileCheck %s --check-prefix=GATHER --implicit-check-not={{.}}
// RUN: not accel-run %s --entry=gather --input=3x2 --input=@%S/Inputs/ids-1-neg1.npy 2>&1 \
// RUN:   | FileCheck %s --check-prefix=GATHER-NEG --implicit-check-not={{.}}
// RUN: not accel-run %s --entry=typed --input=3x2 --input=@%S/Inputs/types-0-1-2.npy 2>&1 \
// RUN:   | FileCheck %s --check-prefix=TYPED --implicit-check-not={{.}}
// RUN: not accel-run %s --entry=segment --input=3x2 --input=@%S/Inputs/offsets-0-2-1-3.npy 2>&1 \
// RUN:   | FileCheck %s --check-prefix=SEGMENT-ORDER --implicit-check-not={{.}}
// RUN: not accel-run %s --entry=segment --input=3x2 --input=@%S/Inputs/offsets-0-1-2-2.npy 2>&1 \
// RUN:   | FileCheck %s --check-prefix=SEGMENT-LAST --implicit-check-not={{.}}
// RUN: not accel-run %s --entry=scatter --input=3x2 --input=@%S/Inputs/ids-0-4-1.npy 2>&1 \
// RUN:   | FileCheck %s --check-prefix=SCATTER --implicit-check-not={{.}}
// RUN: not accel-run %s --entry=softmax --input=3x2 --input=@%S/Inputs/ids-0-5-1.npy 2>&1 \
// RUN:   | FileCheck %s --check-prefix=SOFTMAX --implicit-check-not={{.}}
//
// Sizes that are dynamic in the IR are checked by the compiled code when
// the declared types are kept ...
// RUN: not accel-run %s --keep-declared-types --entry=matmul --input=2x4 --input=5x3 2>&1 \
// RUN:   | FileCheck %s --check-prefix=MATMUL --implicit-check-not={{.}}
// RUN: not accel-run %s --keep-declared-types --entry=block_diag --input=4x10 2>&1 \
// RUN:   | FileCheck %s --check-prefix=MONARCH --implicit-check-not={{.}}
// RUN: not accel-run %s --keep-declared-types --entry=quantize_groups --input=2x5 2>&1 \
// RUN:   | FileCheck %s --check-prefix=QUANT --implicit-check-not={{.}}
// RUN: not accel-run %s --keep-declared-types --entry=attention_gqa --input=1x3x4x8 --input=1x2x4x8 --input=1x2x4x8 2>&1 \
// RUN:   | FileCheck %s --check-prefix=ATTENTION --implicit-check-not={{.}}
//
// ... and by the op's verifier, with the inputs' static sizes, when
// accel-run specializes the arguments (the default): a compile-time
// diagnostic with the source line, and nothing from accel-run or LLVM.
// RUN: not accel-run %s --entry=matmul --input=2x4 --input=5x3 2>&1 \
// RUN:   | FileCheck %s --check-prefix=MATMUL-STATIC --implicit-check-not=accel-run: --implicit-check-not=PLEASE --implicit-check-not=Stack
// RUN: not accel-run %s --entry=attention_gqa --input=1x3x4x8 --input=1x2x4x8 --input=1x2x4x8 2>&1 \
// RUN:   | FileCheck %s --check-prefix=ATTENTION-STATIC --implicit-check-not=accel-run: --implicit-check-not=PLEASE --implicit-check-not=Stack
//
// The same entry points on valid data run (the checks are not always-fail).
// RUN: accel-run %s --entry=gather --input=3x2 --input=@%S/Inputs/ids-0-2.npy | FileCheck %s --check-prefix=VALID
// RUN: accel-run %s --entry=matmul --input=2x4 --input=4x3 | FileCheck %s --check-prefix=VALID
// RUN: accel-run %s --entry=attention_gqa --input=1x4x4x8 --input=1x2x4x8 --input=1x2x4x8 | FileCheck %s --check-prefix=VALID
// VALID: ran in

// GATHER: {{^.*}}runtime-checks.mlir:[[# @LINE + 3]]:{{[0-9]+}}: error: 'accel.gather_rows' op expects indices in [0, 3){{.*$}}
// GATHER-NEG: {{^.*}}runtime-checks.mlir:[[# @LINE + 2]]:{{[0-9]+}}: error: 'accel.gather_rows' op expects indices in [0, 3){{.*$}}
func.func @gather(%x: tensor<3x2xf32>, %i: tensor<2xi32>) -> tensor<2x2xf32> {
  %g = accel.gather_rows %x, %i : (tensor<3x2xf32>, tensor<2xi32>) -> tensor<2x2xf32>
  return %g : tensor<2x2xf32>
}

// TYPED: {{^.*}}runtime-checks.mlir:[[# @LINE + 3]]:{{[0-9]+}}: error: 'accel.typed_matmul' op expects type ids in [0, 2){{.*$}}
func.func @typed(%x: tensor<3x2xf32>, %t: tensor<3xi32>) -> tensor<3x4xf32> {
  %w = arith.constant dense<1.0> : tensor<2x2x4xf32>
  %y = accel.typed_matmul %x, %w, %t : (tensor<3x2xf32>, tensor<2x2x4xf32>, tensor<3xi32>) -> tensor<3x4xf32>
  return %y : tensor<3x4xf32>
}

// SEGMENT-ORDER: {{^.*}}runtime-checks.mlir:[[# @LINE + 4]]:{{[0-9]+}}: error: 'accel.segment_matmul' op expects non-decreasing offsets{{.*$}}
// SEGMENT-LAST: {{^.*}}runtime-checks.mlir:[[# @LINE + 3]]:{{[0-9]+}}: error: 'accel.segment_matmul' op expects offsets[R] to equal the rows of x (E){{.*$}}
func.func @segment(%x: tensor<3x2xf32>, %o: tensor<4xi32>) -> tensor<3x4xf32> {
  %w = arith.constant dense<1.0> : tensor<3x2x4xf32>
  %y = accel.segment_matmul %x, %w, %o : (tensor<3x2xf32>, tensor<3x2x4xf32>, tensor<4xi32>) -> tensor<3x4xf32>
  return %y : tensor<3x4xf32>
}

// SCATTER: {{^.*}}runtime-checks.mlir:[[# @LINE + 2]]:{{[0-9]+}}: error: 'accel.scatter_reduce' op expects indices in [0, 4){{.*$}}
func.func @scatter(%m: tensor<3x2xf32>, %i: tensor<3xi32>) -> tensor<4x2xf32> {
  %r = accel.scatter_reduce %m, %i {num_rows = 4 : i64, reduce = "sum"} : (tensor<3x2xf32>, tensor<3xi32>) -> tensor<4x2xf32>
  return %r : tensor<4x2xf32>
}

// SOFTMAX: {{^.*}}runtime-checks.mlir:[[# @LINE + 2]]:{{[0-9]+}}: error: 'accel.edge_softmax' op expects destinations in [0, 5){{.*$}}
func.func @softmax(%s: tensor<3x2xf32>, %d: tensor<3xi32>) -> tensor<3x2xf32> {
  %a = accel.edge_softmax %s, %d {num_nodes = 5 : i64} : (tensor<3x2xf32>, tensor<3xi32>) -> tensor<3x2xf32>
  return %a : tensor<3x2xf32>
}

// MATMUL-STATIC: runtime-checks.mlir:[[# @LINE + 3]]:{{[0-9]+}}: error: 'accel.matmul' op expects the reduction dims of a (4) and b (5) to match
// MATMUL: {{^.*}}runtime-checks.mlir:[[# @LINE + 2]]:{{[0-9]+}}: error: 'accel.matmul' op expects the reduction dims of a and b to match{{.*$}}
func.func @matmul(%a: tensor<2x?xf32>, %b: tensor<?x3xf32>) -> tensor<2x3xf32> {
  %y = accel.matmul %a, %b : (tensor<2x?xf32>, tensor<?x3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// MONARCH: {{^.*}}runtime-checks.mlir:[[# @LINE + 3]]:{{[0-9]+}}: error: 'accel.block_diag_matmul' op expects the last dim of x to equal{{.*$}}
func.func @block_diag(%x: tensor<4x?xf32>) -> tensor<4x6xf32> {
  %w = arith.constant dense<1.0> : tensor<3x2x3xf32>
  %y = accel.block_diag_matmul %x, %w : (tensor<4x?xf32>, tensor<3x2x3xf32>) -> tensor<4x6xf32>
  return %y : tensor<4x6xf32>
}

// QUANT: {{^.*}}runtime-checks.mlir:[[# @LINE + 2]]:{{[0-9]+}}: error: 'accel.quantize' op expects group_size 2 to divide dim 1{{.*$}}
func.func @quantize_groups(%x: tensor<?x?xf32>) -> (tensor<?x?xi8>, tensor<?x?xf32>) {
  %q, %s = accel.quantize %x {dtype = i8, granularity = "group", axis = 1 : i64, group_size = 2 : i64}
      : (tensor<?x?xf32>) -> (tensor<?x?xi8>, tensor<?x?xf32>)
  return %q, %s : tensor<?x?xi8>, tensor<?x?xf32>
}

// ATTENTION-STATIC: runtime-checks.mlir:[[# @LINE + 3]]:{{[0-9]+}}: error: 'accel.attention' op expects
// ATTENTION: {{^.*}}runtime-checks.mlir:[[# @LINE + 2]]:{{[0-9]+}}: error: 'accel.attention' op expects the query heads to be a multiple of{{.*$}}
func.func @attention_gqa(%q: tensor<1x?x4x8xf32>, %k: tensor<1x?x4x8xf32>, %v: tensor<1x?x4x8xf32>) -> tensor<1x?x4x8xf32> {
  %o = accel.attention %q, %k, %v : (tensor<1x?x4x8xf32>, tensor<1x?x4x8xf32>, tensor<1x?x4x8xf32>) -> tensor<1x?x4x8xf32>
  return %o : tensor<1x?x4x8xf32>
}

// A result too large for the machine (160 GB) is an error, not a crash on
// a null pointer. (Heuristic overcommit refuses an allocation beyond RAM +
// swap; where overcommit is unlimited this would not fail, so the check
// looks at the setting first.)
// RUN: if [ "$(cat /proc/sys/vm/overcommit_memory)" != 1 ]; then \
// RUN:   not accel-run %s --entry=outer --input=200000x1 --input=1x200000 2>&1 \
// RUN:   | FileCheck %s --check-prefix=MEMORY --implicit-check-not={{.}}; fi
// MEMORY: {{^}}error: out of memory: the compiled code needs a buffer of 160000000064 bytes{{$}}
func.func @outer(%a: tensor<?x1xf32>, %b: tensor<1x?xf32>) -> tensor<?x?xf32> {
  %y = accel.matmul %a, %b : (tensor<?x1xf32>, tensor<1x?xf32>) -> tensor<?x?xf32>
  return %y : tensor<?x?xf32>
}
