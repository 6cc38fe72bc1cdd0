// The scans' reference lowering against an independent scalar-loop
// implementation of the contract's formulas (section 5b), on random inputs.
// RUN: accel-run %s --entry=selective --compare-entry=selective_ref | FileCheck %s --check-prefix=SAME2
// RUN: accel-run %s --entry=selective_plain --compare-entry=selective_plain_ref | FileCheck %s --check-prefix=SAME
// RUN: accel-run %s --entry=ssd --compare-entry=ssd_ref | FileCheck %s --check-prefix=SAME2
// RUN: accel-run %s --entry=ssd_f16 --compare-entry=ssd_f16_ref | FileCheck %s --check-prefix=SAME
// Dynamic sizes: the same code with the sizes known only at run time.
// RUN: accel-run %s --entry=selective_dynamic --compare-entry=selective_ref --input=2x4x5 --input=2x4x5 --input=4x3 --input=2x2x3x5 --input=2x2x3x5 --input=4 --input=2x4x5 --input=4 --keep-declared-types | FileCheck %s --check-prefix=SAME2
// Run-time checks: a group count that does not divide the channels.
// RUN: not accel-run %s --entry=selective_dynamic --input=2x4x5 --input=2x4x5 --input=4x3 --input=2x3x3x5 --input=2x3x3x5 --input=4 --input=2x4x5 --input=4 --keep-declared-types 2>&1 | FileCheck %s --check-prefix=GROUPS
// The lowering's shape: a time loop carrying the f32 state and outputs.
// RUN: accel-opt %s --accel-to-linalg | FileCheck %s
// SAME: compare: result #0 ok
// SAME2: compare: result #0 ok
// SAME2: compare: result #1 ok
// GROUPS: 'accel.selective_scan' op expects the channels to be a multiple of the groups of B and C

// CHECK-LABEL: func.func @selective(
// CHECK-NOT: cf.assert
// CHECK: scf.for {{.+}} iter_args({{.+}}) -> (tensor<2x4x3xf32>, tensor<2x4x5xf32>)
// CHECK: tensor.insert_slice {{.+}} : tensor<2x4xf32> into tensor<2x4x5xf32>
// CHECK-NOT: = accel.selective_scan
func.func @selective(%u: tensor<2x4x5xf32>, %delta: tensor<2x4x5xf32>, %A: tensor<4x3xf32>, %B: tensor<2x2x3x5xf32>, %C: tensor<2x2x3x5xf32>, %D: tensor<4xf32>, %z: tensor<2x4x5xf32>, %db: tensor<4xf32>) -> (tensor<2x4x5xf32>, tensor<2x4x3xf32>) {
  %y, %s = accel.selective_scan %u, %delta, %A, %B, %C D(%D) z(%z) delta_bias(%db) {delta_softplus = true} : (tensor<2x4x5xf32>, tensor<2x4x5xf32>, tensor<4x3xf32>, tensor<2x2x3x5xf32>, tensor<2x2x3x5xf32>, tensor<4xf32>, tensor<2x4x5xf32>, tensor<4xf32>) -> (tensor<2x4x5xf32>, tensor<2x4x3xf32>)
  return %y, %s : tensor<2x4x5xf32>, tensor<2x4x3xf32>
}

func.func @selective_dynamic(%u: tensor<?x?x?xf32>, %delta: tensor<?x?x?xf32>, %A: tensor<?x?xf32>, %B: tensor<?x?x?x?xf32>, %C: tensor<?x?x?x?xf32>, %D: tensor<?xf32>, %z: tensor<?x?x?xf32>, %db: tensor<?xf32>) -> (tensor<?x?x?xf32>, tensor<?x?x?xf32>) {
  %y, %s = "accel.selective_scan"(%u, %delta, %A, %B, %C, %D, %z, %db) <{delta_softplus = true, operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 1, 1, 1>}> : (tensor<?x?x?xf32>, tensor<?x?x?xf32>, tensor<?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?xf32>, tensor<?x?x?xf32>, tensor<?xf32>) -> (tensor<?x?x?xf32>, tensor<?x?x?xf32>)
  return %y, %s : tensor<?x?x?xf32>, tensor<?x?x?xf32>
}

// Scalar loops over (b, d), then time, then the state dim: the formula as
// written, nothing shared with the lowering.
func.func @selective_ref(%u: tensor<2x4x5xf32>, %delta: tensor<2x4x5xf32>, %A: tensor<4x3xf32>, %B: tensor<2x2x3x5xf32>, %C: tensor<2x2x3x5xf32>, %D: tensor<4xf32>, %z: tensor<2x4x5xf32>, %db: tensor<4xf32>) -> (tensor<2x4x5xf32>, tensor<2x4x3xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %c4 = arith.constant 4 : index
  %c5 = arith.constant 5 : index
  %zero = arith.constant 0.0 : f32
  %one = arith.constant 1.0 : f32
  %y0 = tensor.empty() : tensor<2x4x5xf32>
  %s0 = tensor.empty() : tensor<2x4x3xf32>
  %x0 = arith.constant dense<0.0> : tensor<3xf32>
  %r:2 = scf.for %b = %c0 to %c2 step %c1 iter_args(%y = %y0, %s = %s0) -> (tensor<2x4x5xf32>, tensor<2x4x3xf32>) {
    %r2:2 = scf.for %d = %c0 to %c4 step %c1 iter_args(%y1 = %y, %s1 = %s) -> (tensor<2x4x5xf32>, tensor<2x4x3xf32>) {
      %g = arith.divui %d, %c2 : index
      %r3:2 = scf.for %t = %c0 to %c5 step %c1 iter_args(%y2 = %y1, %x = %x0) -> (tensor<2x4x5xf32>, tensor<3xf32>) {
        %dv = tensor.extract %delta[%b, %d, %t] : tensor<2x4x5xf32>
        %bias = tensor.extract %db[%d] : tensor<4xf32>
        %dtb = arith.addf %dv, %bias : f32
        %e = math.exp %dtb : f32
        %e1 = arith.addf %e, %one : f32
        %dt = math.log %e1 : f32
        %uv = tensor.extract %u[%b, %d, %t] : tensor<2x4x5xf32>
        %r4:2 = scf.for %n = %c0 to %c3 step %c1 iter_args(%acc = %zero, %xn = %x) -> (f32, tensor<3xf32>) {
          %a = tensor.extract %A[%d, %n] : tensor<4x3xf32>
          %bv = tensor.extract %B[%b, %g, %n, %t] : tensor<2x2x3x5xf32>
          %cv = tensor.extract %C[%b, %g, %n, %t] : tensor<2x2x3x5xf32>
          %xo = tensor.extract %xn[%n] : tensor<3xf32>
          %da = arith.mulf %dt, %a : f32
          %decay = math.exp %da : f32
          %kept = arith.mulf %decay, %xo : f32
          %db1 = arith.mulf %dt, %bv : f32
          %in = arith.mulf %db1, %uv : f32
          %xnew = arith.addf %kept, %in : f32
          %xn2 = tensor.insert %xnew into %xn[%n] : tensor<3xf32>
          %cx = arith.mulf %cv, %xnew : f32
          %acc2 = arith.addf %acc, %cx : f32
          scf.yield %acc2, %xn2 : f32, tensor<3xf32>
        }
        %dd = tensor.extract %D[%d] : tensor<4xf32>
        %du = arith.mulf %dd, %uv : f32
        %yv = arith.addf %r4#0, %du : f32
        %zv = tensor.extract %z[%b, %d, %t] : tensor<2x4x5xf32>
        %nz = arith.negf %zv : f32
        %ez = math.exp %nz : f32
        %den = arith.addf %one, %ez : f32
        %sig = arith.divf %zv, %den : f32
        %yg = arith.mulf %yv, %sig : f32
        %y3 = tensor.insert %yg into %y2[%b, %d, %t] : tensor<2x4x5xf32>
        scf.yield %y3, %r4#1 : tensor<2x4x5xf32>, tensor<3xf32>
      }
      %s2 = scf.for %n = %c0 to %c3 step %c1 iter_args(%sn = %s1) -> (tensor<2x4x3xf32>) {
        %v = tensor.extract %r3#1[%n] : tensor<3xf32>
        %sn2 = tensor.insert %v into %sn[%b, %d, %n] : tensor<2x4x3xf32>
        scf.yield %sn2 : tensor<2x4x3xf32>
      }
      scf.yield %r3#0, %s2 : tensor<2x4x5xf32>, tensor<2x4x3xf32>
    }
    scf.yield %r2#0, %r2#1 : tensor<2x4x5xf32>, tensor<2x4x3xf32>
  }
  return %r#0, %r#1 : tensor<2x4x5xf32>, tensor<2x4x3xf32>
}

// No optional operand, no softplus, one group, bf16 inputs: y rounded once.
func.func @selective_plain(%u: tensor<1x3x7xbf16>, %delta: tensor<1x3x7xbf16>, %A: tensor<3x2xf32>, %B: tensor<1x1x2x7xbf16>, %C: tensor<1x1x2x7xbf16>) -> tensor<1x3x7xbf16> {
  %y = accel.selective_scan %u, %delta, %A, %B, %C : (tensor<1x3x7xbf16>, tensor<1x3x7xbf16>, tensor<3x2xf32>, tensor<1x1x2x7xbf16>, tensor<1x1x2x7xbf16>) -> tensor<1x3x7xbf16>
  return %y : tensor<1x3x7xbf16>
}

func.func @selective_plain_ref(%u: tensor<1x3x7xbf16>, %delta: tensor<1x3x7xbf16>, %A: tensor<3x2xf32>, %B: tensor<1x1x2x7xbf16>, %C: tensor<1x1x2x7xbf16>) -> tensor<1x3x7xbf16> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %c7 = arith.constant 7 : index
  %zero = arith.constant 0.0 : f32
  %y0 = tensor.empty() : tensor<1x3x7xbf16>
  %x0 = arith.constant dense<0.0> : tensor<2xf32>
  %r = scf.for %d = %c0 to %c3 step %c1 iter_args(%y1 = %y0) -> (tensor<1x3x7xbf16>) {
    %r3:2 = scf.for %t = %c0 to %c7 step %c1 iter_args(%y2 = %y1, %x = %x0) -> (tensor<1x3x7xbf16>, tensor<2xf32>) {
      %dh = tensor.extract %delta[%c0, %d, %t] : tensor<1x3x7xbf16>
      %dt = arith.extf %dh : bf16 to f32
      %uh = tensor.extract %u[%c0, %d, %t] : tensor<1x3x7xbf16>
      %uv = arith.extf %uh : bf16 to f32
      %r4:2 = scf.for %n = %c0 to %c2 step %c1 iter_args(%acc = %zero, %xn = %x) -> (f32, tensor<2xf32>) {
        %a = tensor.extract %A[%d, %n] : tensor<3x2xf32>
        %bh = tensor.extract %B[%c0, %c0, %n, %t] : tensor<1x1x2x7xbf16>
        %bv = arith.extf %bh : bf16 to f32
        %ch = tensor.extract %C[%c0, %c0, %n, %t] : tensor<1x1x2x7xbf16>
        %cv = arith.extf %ch : bf16 to f32
        %xo = tensor.extract %xn[%n] : tensor<2xf32>
        %da = arith.mulf %dt, %a : f32
        %decay = math.exp %da : f32
        %kept = arith.mulf %decay, %xo : f32
        %db1 = arith.mulf %dt, %bv : f32
        %in = arith.mulf %db1, %uv : f32
        %xnew = arith.addf %kept, %in : f32
        %xn2 = tensor.insert %xnew into %xn[%n] : tensor<2xf32>
        %cx = arith.mulf %cv, %xnew : f32
        %acc2 = arith.addf %acc, %cx : f32
        scf.yield %acc2, %xn2 : f32, tensor<2xf32>
      }
      %yh = arith.truncf %r4#0 : f32 to bf16
      %y3 = tensor.insert %yh into %y2[%c0, %d, %t] : tensor<1x3x7xbf16>
      scf.yield %y3, %r4#1 : tensor<1x3x7xbf16>, tensor<2xf32>
    }
    scf.yield %r3#0 : tensor<1x3x7xbf16>
  }
  return %r : tensor<1x3x7xbf16>
}

// Mamba-2 with 4 heads in 2 groups, D per head, z, dt_bias with softplus
// and an initial state: x [1, 6, 4, 2], B/C [1, 6, 2, 3].
// CHECK-LABEL: func.func @ssd(
// CHECK-NOT: cf.assert
// CHECK: linalg.copy
// CHECK: scf.for {{.+}} -> (tensor<1x4x2x3xf32>, tensor<1x6x4x2xf32>)
// CHECK-NOT: = accel.ssd_scan
func.func @ssd(%x: tensor<1x6x4x2xf32>, %dt: tensor<1x6x4xf32>, %A: tensor<4xf32>, %B: tensor<1x6x2x3xf32>, %C: tensor<1x6x2x3xf32>, %D: tensor<4xf32>, %z: tensor<1x6x4x2xf32>, %dtb: tensor<4xf32>, %h0: tensor<1x4x2x3xf32>) -> (tensor<1x6x4x2xf32>, tensor<1x4x2x3xf32>) {
  %y, %h = "accel.ssd_scan"(%x, %dt, %A, %B, %C, %D, %z, %dtb, %h0) <{dt_softplus = true, operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 1, 1, 1, 1>}> : (tensor<1x6x4x2xf32>, tensor<1x6x4xf32>, tensor<4xf32>, tensor<1x6x2x3xf32>, tensor<1x6x2x3xf32>, tensor<4xf32>, tensor<1x6x4x2xf32>, tensor<4xf32>, tensor<1x4x2x3xf32>) -> (tensor<1x6x4x2xf32>, tensor<1x4x2x3xf32>)
  return %y, %h : tensor<1x6x4x2xf32>, tensor<1x4x2x3xf32>
}

// The state of (h, p) is independent of the other p: loops over h and p,
// then time, then the state dim.
func.func @ssd_ref(%x: tensor<1x6x4x2xf32>, %dtin: tensor<1x6x4xf32>, %A: tensor<4xf32>, %B: tensor<1x6x2x3xf32>, %C: tensor<1x6x2x3xf32>, %D: tensor<4xf32>, %z: tensor<1x6x4x2xf32>, %dtb: tensor<4xf32>, %h0: tensor<1x4x2x3xf32>) -> (tensor<1x6x4x2xf32>, tensor<1x4x2x3xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %c4 = arith.constant 4 : index
  %c6 = arith.constant 6 : index
  %zero = arith.constant 0.0 : f32
  %one = arith.constant 1.0 : f32
  %y0 = tensor.empty() : tensor<1x6x4x2xf32>
  %s0 = tensor.empty() : tensor<1x4x2x3xf32>
  %r:2 = scf.for %h = %c0 to %c4 step %c1 iter_args(%y = %y0, %s = %s0) -> (tensor<1x6x4x2xf32>, tensor<1x4x2x3xf32>) {
    %g = arith.divui %h, %c2 : index
    %r2:2 = scf.for %p = %c0 to %c2 step %c1 iter_args(%y1 = %y, %s1 = %s) -> (tensor<1x6x4x2xf32>, tensor<1x4x2x3xf32>) {
      %init = scf.for %n = %c0 to %c3 step %c1 iter_args(%v = %s1) -> (tensor<1x4x2x3xf32>) {
        %e = tensor.extract %h0[%c0, %h, %p, %n] : tensor<1x4x2x3xf32>
        %v2 = tensor.insert %e into %v[%c0, %h, %p, %n] : tensor<1x4x2x3xf32>
        scf.yield %v2 : tensor<1x4x2x3xf32>
      }
      %r3:2 = scf.for %t = %c0 to %c6 step %c1 iter_args(%y2 = %y1, %st = %init) -> (tensor<1x6x4x2xf32>, tensor<1x4x2x3xf32>) {
        %dv = tensor.extract %dtin[%c0, %t, %h] : tensor<1x6x4xf32>
        %bias = tensor.extract %dtb[%h] : tensor<4xf32>
        %dtb1 = arith.addf %dv, %bias : f32
        %e = math.exp %dtb1 : f32
        %e1 = arith.addf %e, %one : f32
        %dt = math.log %e1 : f32
        %a = tensor.extract %A[%h] : tensor<4xf32>
        %xv = tensor.extract %x[%c0, %t, %h, %p] : tensor<1x6x4x2xf32>
        %r4:2 = scf.for %n = %c0 to %c3 step %c1 iter_args(%acc = %zero, %sn = %st) -> (f32, tensor<1x4x2x3xf32>) {
          %bv = tensor.extract %B[%c0, %t, %g, %n] : tensor<1x6x2x3xf32>
          %cv = tensor.extract %C[%c0, %t, %g, %n] : tensor<1x6x2x3xf32>
          %old = tensor.extract %sn[%c0, %h, %p, %n] : tensor<1x4x2x3xf32>
          %da = arith.mulf %dt, %a : f32
          %decay = math.exp %da : f32
          %kept = arith.mulf %decay, %old : f32
          %dx = arith.mulf %dt, %xv : f32
          %in = arith.mulf %dx, %bv : f32
          %new = arith.addf %kept, %in : f32
          %sn2 = tensor.insert %new into %sn[%c0, %h, %p, %n] : tensor<1x4x2x3xf32>
          %cs = arith.mulf %cv, %new : f32
          %acc2 = arith.addf %acc, %cs : f32
          scf.yield %acc2, %sn2 : f32, tensor<1x4x2x3xf32>
        }
        %dd = tensor.extract %D[%h] : tensor<4xf32>
        %dxv = arith.mulf %dd, %xv : f32
        %yv = arith.addf %r4#0, %dxv : f32
        %zv = tensor.extract %z[%c0, %t, %h, %p] : tensor<1x6x4x2xf32>
        %nz = arith.negf %zv : f32
        %ez = math.exp %nz : f32
        %den = arith.addf %one, %ez : f32
        %sig = arith.divf %zv, %den : f32
        %yg = arith.mulf %yv, %sig : f32
        %y3 = tensor.insert %yg into %y2[%c0, %t, %h, %p] : tensor<1x6x4x2xf32>
        scf.yield %y3, %r4#1 : tensor<1x6x4x2xf32>, tensor<1x4x2x3xf32>
      }
      scf.yield %r3#0, %r3#1 : tensor<1x6x4x2xf32>, tensor<1x4x2x3xf32>
    }
    scf.yield %r2#0, %r2#1 : tensor<1x6x4x2xf32>, tensor<1x4x2x3xf32>
  }
  return %r#0, %r#1 : tensor<1x6x4x2xf32>, tensor<1x4x2x3xf32>
}

// f16, D per head and channel ([H, P]), no state operand, 2 batches, one
// group shared by both heads.
func.func @ssd_f16(%x: tensor<2x5x2x3xf16>, %dt: tensor<2x5x2xf16>, %A: tensor<2xf32>, %B: tensor<2x5x1x4xf16>, %C: tensor<2x5x1x4xf16>, %D: tensor<2x3xf32>) -> tensor<2x5x2x3xf16> {
  %y = accel.ssd_scan %x, %dt, %A, %B, %C D(%D) : (tensor<2x5x2x3xf16>, tensor<2x5x2xf16>, tensor<2xf32>, tensor<2x5x1x4xf16>, tensor<2x5x1x4xf16>, tensor<2x3xf32>) -> tensor<2x5x2x3xf16>
  return %y : tensor<2x5x2x3xf16>
}

func.func @ssd_f16_ref(%x: tensor<2x5x2x3xf16>, %dtin: tensor<2x5x2xf16>, %A: tensor<2xf32>, %B: tensor<2x5x1x4xf16>, %C: tensor<2x5x1x4xf16>, %D: tensor<2x3xf32>) -> tensor<2x5x2x3xf16> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %c4 = arith.constant 4 : index
  %c5 = arith.constant 5 : index
  %zero = arith.constant 0.0 : f32
  %y0 = tensor.empty() : tensor<2x5x2x3xf16>
  %s0 = arith.constant dense<0.0> : tensor<4xf32>
  %r = scf.for %b = %c0 to %c2 step %c1 iter_args(%yb = %y0) -> (tensor<2x5x2x3xf16>) {
    %r1 = scf.for %h = %c0 to %c2 step %c1 iter_args(%y = %yb) -> (tensor<2x5x2x3xf16>) {
      %r2 = scf.for %p = %c0 to %c3 step %c1 iter_args(%y1 = %y) -> (tensor<2x5x2x3xf16>) {
        %r3:2 = scf.for %t = %c0 to %c5 step %c1 iter_args(%y2 = %y1, %st = %s0) -> (tensor<2x5x2x3xf16>, tensor<4xf32>) {
          %dh = tensor.extract %dtin[%b, %t, %h] : tensor<2x5x2xf16>
          %dt = arith.extf %dh : f16 to f32
          %a = tensor.extract %A[%h] : tensor<2xf32>
          %xh = tensor.extract %x[%b, %t, %h, %p] : tensor<2x5x2x3xf16>
          %xv = arith.extf %xh : f16 to f32
          %r4:2 = scf.for %n = %c0 to %c4 step %c1 iter_args(%acc = %zero, %sn = %st) -> (f32, tensor<4xf32>) {
            %bh = tensor.extract %B[%b, %t, %c0, %n] : tensor<2x5x1x4xf16>
            %bv = arith.extf %bh : f16 to f32
            %ch = tensor.extract %C[%b, %t, %c0, %n] : tensor<2x5x1x4xf16>
            %cv = arith.extf %ch : f16 to f32
            %old = tensor.extract %sn[%n] : tensor<4xf32>
            %da = arith.mulf %dt, %a : f32
            %decay = math.exp %da : f32
            %kept = arith.mulf %decay, %old : f32
            %dx = arith.mulf %dt, %xv : f32
            %in = arith.mulf %dx, %bv : f32
            %new = arith.addf %kept, %in : f32
            %sn2 = tensor.insert %new into %sn[%n] : tensor<4xf32>
            %cs = arith.mulf %cv, %new : f32
            %acc2 = arith.addf %acc, %cs : f32
            scf.yield %acc2, %sn2 : f32, tensor<4xf32>
          }
          %dd = tensor.extract %D[%h, %p] : tensor<2x3xf32>
          %dxv = arith.mulf %dd, %xv : f32
          %yv = arith.addf %r4#0, %dxv : f32
          %yh = arith.truncf %yv : f32 to f16
          %y3 = tensor.insert %yh into %y2[%b, %t, %h, %p] : tensor<2x5x2x3xf16>
          scf.yield %y3, %r4#1 : tensor<2x5x2x3xf16>, tensor<4xf32>
        }
        scf.yield %r3#0 : tensor<2x5x2x3xf16>
      }
      scf.yield %r2 : tensor<2x5x2x3xf16>
    }
    scf.yield %r1 : tensor<2x5x2x3xf16>
  }
  return %r : tensor<2x5x2x3xf16>
}
