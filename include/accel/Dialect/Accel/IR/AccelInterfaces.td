//===- AccelInterfaces.td - accel interfaces ---------------*- tablegen -*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_DIALECT_ACCEL_IR_ACCELINTERFACES_TD
#define ACCEL_DIALECT_ACCEL_IR_ACCELINTERFACES_TD

include "mlir/IR/OpBase.td"

def Accel_KernelConfigAttrInterface : AttrInterface<"KernelConfigAttrInterface"> {
  let cppNamespace = "::accel";
  let description = [{
    The configuration of one kernel family on one target: exactly the knobs
    that family's template takes (tile sizes, warps, pipeline stages, ...),
    carried by a kernel-bearing op as its `accel.kernel_config` attribute.
    `accel-select-kernels` writes it; a user or a tuner may write it by
    hand. The dialect verifies it against the op and the module's
    `accel.target` whenever the op is verified, so a config that cannot run
    is an `accel-opt` error, not an `accel-translate` one.

    The attributes are accel's (`#accel.attention_sm80_config<...>`, ...);
    each kernel family implements this interface for its own config as an
    external model (lib/Codegen/<Family>/), so the dialect knows no kernel.
  }];
  let methods = [
    InterfaceMethod<[{
        The kernel family this config belongs to (`attention`, ...): the
        family that `accel-select-kernels` and the CUDA backend look up.
      }], "::llvm::StringRef", "getFamilyName", (ins)>,
    InterfaceMethod<[{
        Fails with a diagnostic on `op` when this config cannot compute `op`
        on `target` (a null `target`: the checks that need none): wrong op,
        a target without the instructions the kernel uses, tiles that do
        not fit the target's shared memory, shapes the tiles cannot cover.
      }], "::llvm::LogicalResult", "verifyForOp",
      (ins "::mlir::Operation *":$op, "::accel::CudaTargetAttr":$target)>,
    InterfaceMethod<[{
        The C++ template-id of the kernel that computes `op` under this
        config, e.g. `accelkern_attention::attentionForwardKernel<...>`.
      }], "std::string", "getTemplateInstance", (ins "::mlir::Operation *":$op)>,
    InterfaceMethod<[{
        Explicit instantiations (whole declarations) of the helper kernels
        the instance launches besides its main kernel.
      }], "::llvm::SmallVector<std::string>", "getAuxiliaryInstances",
      (ins "::mlir::Operation *":$op), "",
      [{ return {}; }]>,
    InterfaceMethod<[{
        The main kernel's launch: grid (`ShapedType::kDynamic` where a grid
        dim depends on run-time sizes), threads per block, shared memory.
      }], "::accel::KernelLaunchShape", "getLaunchShape",
      (ins "::mlir::Operation *":$op)>,
    InterfaceMethod<[{
        A roofline estimate of the kernel's time on `target` in
        microseconds (docs/codegen.md: nominal peaks of the target's
        reference part, tile padding and wave quantization); none when a
        size it needs is dynamic.
      }], "std::optional<double>", "estimateMicroseconds",
      (ins "::mlir::Operation *":$op, "::accel::CudaTargetAttr":$target)>,
  ];
}

#endif // ACCEL_DIALECT_ACCEL_IR_ACCELINTERFACES_TD
