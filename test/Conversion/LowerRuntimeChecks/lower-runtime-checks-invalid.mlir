// RUN: accel-opt %s --accel-lower-runtime-checks=mode=report -verify-diagnostics

// report needs the check in a function's CFG (after scf-to-cf).
func.func @structured(%ok: i1) {
  scf.execute_region {
    // expected-error @below {{'cf.assert' op must be in a function's CFG for mode=report; run accel-lower-runtime-checks after the structured control flow is lowered to cf}}
    cf.assert %ok, "inside a region"
    scf.yield
  }
  return
}
