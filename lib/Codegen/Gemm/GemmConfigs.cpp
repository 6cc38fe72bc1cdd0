//===- GemmConfigs.cpp - what the GEMM config means for an op -------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// KernelConfigAttrInterface for #accel.gemm_sm80_config (mma.sync),
// #accel.gemm_sm90a_config (wgmma/TMA), #accel.gemm_simt_config (f32) and
// #accel.quantized_gemm_sm80_config (8-bit mma.sync): the op and target each runs, its
// template instance (with the dispatch's generated epilogue type), launch
// shape and roofline estimate; and the GEMM families' support rules and
// default choices.
//
//===----------------------------------------------------------------------===//

#include "CodegenSupport.h"
#include "GemmEpilogue.h"
#include "GemmFamily.h"

#include "accel/Codegen/KernelFamily.h"

#include <algorithm>
#include <cmath>

using namespace mlir;
using namespace accel;
using namespace accel::codegen;
using namespace accel::codegen::gemm;

GemmShape accel::codegen::gemm::getGemmShape(GemmOp op) {
  auto a = tensorType(op.getA()), out = tensorType(op.getResult());
  int64_t rank = out.getRank();
  GemmShape shape{1, out.getDimSize(rank - 2), out.getDimSize(rank - 1),
                  a.getDimSize(a.getRank() - 1)};
  for (int64_t size : out.getShape().drop_back(2))
    shape.batch = ShapedType::isDynamic(size) ? ShapedType::kDynamic
                  : ShapedType::isDynamic(shape.batch) ? shape.batch
                                                        : shape.batch * size;
  return shape;
}

namespace {
/// Roofline of the target's reference part (docs/codegen.md): tensor-core
/// time of the padded tiles against DRAM time of a, b and the output,
/// stretched by the grid's wave quantization over the SMs.
std::optional<double> estimateGemm(GemmOp matmul, int64_t blockM,
                                   int64_t blockN, CudaTargetAttr target,
                                   bool onCudaCores = false) {
  GemmShape s = getGemmShape(matmul);
  for (int64_t size : {s.batch, s.m, s.n, s.k})
    if (ShapedType::isDynamic(size))
      return std::nullopt;
  if (!target || s.batch == 0 || s.m == 0 || s.n == 0)
    return std::nullopt;
  int64_t tilesM = ceilDiv(s.m, blockM), tilesN = ceilDiv(s.n, blockN);
  double flops = 2.0 * double(s.batch) * double(tilesM * blockM) *
                 double(tilesN * blockN) * double(s.k);
  double outBytes =
      tensorType(matmul.getResult()).getElementTypeBitWidth() / 8.0;
  double inBytes = tensorType(matmul.getA()).getElementTypeBitWidth() / 8.0;
  double bytes = inBytes * double(s.batch) * double(s.m * s.k) +
                 inBytes * double(tensorType(matmul.getB()).getNumElements()) +
                 outBytes * double(s.batch) * double(s.m * s.n);
  CudaTargetAttr::ReferencePart part = target.getReferencePart();
  // 8-bit tensor-core math runs at twice the 16-bit rate on every
  // reference part (datasheet dense i8 / fp8).
  double rate = onCudaCores ? part.fp32Tflops
                : inBytes == 1 ? 2 * part.tensorTflops
                               : part.tensorTflops;
  double seconds = std::max(flops / (rate * 1e12),
                            bytes / (part.dramTerabytesPerSecond * 1e12));
  double perSm = double(tilesM * tilesN * s.batch) / double(part.numSms);
  return seconds / (perSm / std::ceil(perSm)) * 1e6;
}

/// The op of kind OpT a GEMM config is on; a diagnostic for any other op.
template <typename OpT = MatmulOp>
FailureOr<OpT> getConfiguredMatmul(Operation *op, StringRef mnemonic) {
  if (auto matmul = dyn_cast<OpT>(op))
    return matmul;
  return op->emitOpError() << "cannot take '#accel." << mnemonic
                           << "', which configures "
                           << OpT::getOperationName();
}

/// What the mma.sync kernel's support check is for each op it takes.
LogicalResult checkMmaSyncSupported(MatmulOp op, CudaTargetAttr target) {
  return checkGemmSupported(op, target);
}
LogicalResult checkMmaSyncSupported(QuantizedMatmulOp op,
                                    CudaTargetAttr target) {
  return checkQuantizedGemmSupported(op, target);
}

/// #accel.gemm_sm80_config on accel.matmul (family "gemm") and
/// #accel.quantized_gemm_sm80_config on accel.quantized_matmul
/// ("quantized_gemm"): one kernel template, one meaning of the knobs.
template <typename ConfigT, typename OpT>
struct MmaSyncGemmModel
    : KernelConfigAttrInterface::ExternalModel<MmaSyncGemmModel<ConfigT, OpT>,
                                               ConfigT> {
  StringRef getFamilyName(Attribute) const {
    return std::is_same<OpT, MatmulOp>::value ? "gemm" : "quantized_gemm";
  }

  LogicalResult verifyForOp(Attribute attr, Operation *op,
                            CudaTargetAttr target) const {
    FailureOr<OpT> matmul =
        getConfiguredMatmul<OpT>(op, cast<ConfigT>(attr).getMnemonic());
    return failed(matmul) ? failure() : checkMmaSyncSupported(*matmul, target);
  }

  std::string getTemplateInstance(Attribute attr, Operation *op) const {
    return "accelkern_gemm::gemmKernel" +
           getGemmTemplateArguments(cast<OpT>(op), cast<ConfigT>(attr));
  }

  KernelLaunchShape getLaunchShape(Attribute attr, Operation *op) const {
    auto config = cast<ConfigT>(attr);
    GemmShape shape = getGemmShape(cast<OpT>(op));
    return {{tilesOf(shape.m, config.getBlockM()),
             tilesOf(shape.n, config.getBlockN()), shape.batch},
            config.getNumThreads(),
            config.getSharedBytes()};
  }

  std::optional<double> estimateMicroseconds(Attribute attr, Operation *op,
                                             CudaTargetAttr target) const {
    auto config = cast<ConfigT>(attr);
    return estimateGemm(cast<OpT>(op), config.getBlockM(), config.getBlockN(),
                        target);
  }
};

struct GemmSm90aModel
    : KernelConfigAttrInterface::ExternalModel<GemmSm90aModel,
                                               GemmSm90aConfigAttr> {
  StringRef getFamilyName(Attribute) const { return "gemm_wgmma"; }

  LogicalResult verifyForOp(Attribute attr, Operation *op,
                            CudaTargetAttr target) const {
    auto config = cast<GemmSm90aConfigAttr>(attr);
    FailureOr<MatmulOp> matmul = getConfiguredMatmul(op, config.getMnemonic());
    if (failed(matmul))
      return failure();
    if (target && !target.hasWgmma())
      return op->emitOpError()
             << "cannot take '#accel." << config.getMnemonic() << "' on target "
             << target.getChip()
             << ": the kernel needs wgmma, TMA and setmaxnreg (sm_90a)";
    if (failed(checkGemmSupported(*matmul, target)))
      return failure();
    int64_t limit = getDynamicSharedMemoryLimit(target);
    if (config.getSharedBytes() > limit)
      return op->emitOpError()
             << "expects the tiles of " << attr << " to fit in " << limit
             << " bytes of dynamic shared memory, got "
             << config.getSharedBytes();
    return success();
  }

  std::string getTemplateInstance(Attribute attr, Operation *op) const {
    return "accelkern_gemm::gemmSm90Kernel" +
           getGemmTemplateArguments(cast<MatmulOp>(op),
                                    cast<GemmSm90aConfigAttr>(attr));
  }

  /// The fallback kernel, for NVRTC's explicit instances (the PTX carries
  /// both kernels; a host that launches from PTX chooses as
  /// launchGemmSm90 does).
  SmallVector<std::string> getAuxiliaryInstances(Attribute,
                                                 Operation *op) const {
    return {"template __global__ void accelkern_gemm::gemmKernel" +
            getGemmFallbackTemplateArguments(cast<MatmulOp>(op)) +
            "(const accelkern_gemm::GemmParams)"};
  }

  KernelLaunchShape getLaunchShape(Attribute attr, Operation *op) const {
    auto config = cast<GemmSm90aConfigAttr>(attr);
    GemmShape shape = getGemmShape(cast<MatmulOp>(op));
    int64_t tilesM = tilesOf(shape.m, GemmSm90aConfigAttr::kBlockM),
            tilesN = tilesOf(shape.n, config.getBlockN());
    int64_t tiles = ShapedType::isDynamic(tilesM) || ShapedType::isDynamic(tilesN)
                        ? ShapedType::kDynamic
                        : tilesM * tilesN;
    return {{tiles, shape.batch, 1},
            32 * GemmSm90aConfigAttr::kNumWarps,
            config.getSharedBytes()};
  }

  std::optional<double> estimateMicroseconds(Attribute attr, Operation *op,
                                             CudaTargetAttr target) const {
    return estimateGemm(cast<MatmulOp>(op), GemmSm90aConfigAttr::kBlockM,
                        cast<GemmSm90aConfigAttr>(attr).getBlockN(), target);
  }
};

struct GemmSimtModel
    : KernelConfigAttrInterface::ExternalModel<GemmSimtModel,
                                               GemmSimtConfigAttr> {
  StringRef getFamilyName(Attribute) const { return "gemm_f32"; }

  LogicalResult verifyForOp(Attribute attr, Operation *op,
                            CudaTargetAttr target) const {
    FailureOr<MatmulOp> matmul =
        getConfiguredMatmul(op, cast<GemmSimtConfigAttr>(attr).getMnemonic());
    return failed(matmul) ? failure() : checkGemmF32Supported(*matmul, target);
  }

  std::string getTemplateInstance(Attribute attr, Operation *op) const {
    return "accelkern_gemm::gemmSimtKernel" +
           getGemmTemplateArguments(cast<MatmulOp>(op),
                                    cast<GemmSimtConfigAttr>(attr));
  }

  KernelLaunchShape getLaunchShape(Attribute attr, Operation *op) const {
    auto config = cast<GemmSimtConfigAttr>(attr);
    GemmShape shape = getGemmShape(cast<MatmulOp>(op));
    return {{tilesOf(shape.m, config.getBlockM()),
             tilesOf(shape.n, config.getBlockN()), shape.batch},
            GemmSimtConfigAttr::kNumThreads,
            config.getSharedBytes()};
  }

  /// The roofline with the CUDA cores' f32 rate instead of the tensor
  /// cores'.
  std::optional<double> estimateMicroseconds(Attribute attr, Operation *op,
                                             CudaTargetAttr target) const {
    auto config = cast<GemmSimtConfigAttr>(attr);
    return estimateGemm(cast<MatmulOp>(op), config.getBlockM(),
                        config.getBlockN(), target, /*onCudaCores=*/true);
  }
};
} // namespace

/// What every GEMM kernel needs of the result and the epilogue: an
/// f32/f16/bf16 result, at most kMaxBatchDims batch dims, an epilogue it
/// can express.
static LogicalResult checkGemmOutput(GemmOp op) {
  auto out = tensorType(op.getResult());
  Type outElement = out.getElementType();
  if (!outElement.isF32() && !outElement.isBF16() && !outElement.isF16())
    return op.emitOpError() << "has a " << outElement
                            << " result; the CUDA GEMM kernels store f32, "
                               "f16 and bf16";
  if (out.getRank() - 2 > kMaxBatchDims)
    return op.emitOpError() << "has " << out.getRank() - 2
                            << " batch dims; the CUDA GEMM kernels index at "
                               "most "
                            << kMaxBatchDims;
  return buildGemmEpilogue(op);
}

LogicalResult accel::codegen::gemm::checkGemmSupported(MatmulOp op,
                                                       CudaTargetAttr target) {
  if (target && !target.hasMmaSync())
    return op.emitOpError() << "needs mma.sync (sm_80 and up) for its CUDA "
                               "kernel, the target is "
                            << target.getChip();
  Type element = tensorType(op.getA()).getElementType();
  if (!element.isBF16() && !element.isF16())
    return op.emitOpError()
           << "has " << element
           << " inputs; the tensor-core GEMM kernels take bf16 and f16 (f32 "
              "runs on the CUDA cores, #accel.gemm_simt_config; 8-bit "
              "operands are accel.quantized_matmul's, "
              "#accel.quantized_gemm_sm80_config)";
  return checkGemmOutput(op);
}

LogicalResult
accel::codegen::gemm::checkGemmF32Supported(MatmulOp op,
                                            CudaTargetAttr target) {
  Type element = tensorType(op.getA()).getElementType();
  if (!element.isF32())
    return op.emitOpError() << "has " << element
                            << " inputs; the f32 GEMM kernel takes f32";
  return checkGemmOutput(op);
}

LogicalResult
accel::codegen::gemm::checkQuantizedGemmSupported(QuantizedMatmulOp op,
                                                  CudaTargetAttr target) {
  if (target && !target.hasMmaSync())
    return op.emitOpError() << "needs mma.sync (sm_80 and up) for its CUDA "
                               "kernel, the target is "
                            << target.getChip();
  Type a = tensorType(op.getA()).getElementType(),
       b = tensorType(op.getB()).getElementType();
  bool int8 = a.isSignlessInteger(8) && b.isSignlessInteger(8);
  bool fp8 = isa<Float8E4M3FNType>(a) && isa<Float8E4M3FNType>(b);
  if (!int8 && !fp8)
    return op.emitOpError()
           << "has " << a << " x " << b
           << " operands; the CUDA quantized GEMM kernel takes i8 x i8 "
              "(W8A8) and f8E4M3FN x f8E4M3FN (FP8) (W4A16 and W4A8 have no "
              "CUDA kernel yet)";
  if (fp8 && target && target.getSm() < 89)
    return op.emitOpError() << "needs the fp8 tensor cores (sm_89 and up) for "
                               "its f8E4M3FN CUDA kernel, the target is "
                            << target.getChip();
  // One i32 (f32) sum over all of K: no groups along K.
  auto bScale = tensorType(op.getBScale());
  if (bScale.getRank() == 2) {
    int64_t groups = bScale.getDimSize(op.getTransposeB() ? 1 : 0);
    if (groups != 1)
      return op.emitOpError()
             << "has a b_scale of "
             << (ShapedType::isDynamic(groups) ? std::string("?")
                                               : std::to_string(groups))
             << " groups along K; the CUDA quantized GEMM kernel takes "
                "per-tensor and per-channel b_scale";
  }
  return checkGemmOutput(op);
}

/// A static size of at most 64: the default configs take 64-wide tiles
/// there (fewer idle rows or columns).
static bool small(int64_t size) {
  return !ShapedType::isDynamic(size) && size <= 64;
}

KernelConfigAttrInterface
accel::codegen::gemm::getDefaultGemmSimtConfig(MatmulOp op) {
  // 128 x 128 tiles (8 x 8 outputs a thread: 64 FFMA per 16 shared loads)
  // and k tiles of 8 (16.6 KiB double-buffered); 64 for an M or N of at
  // most 64.
  GemmShape shape = getGemmShape(op);
  return dyn_cast<KernelConfigAttrInterface>(GemmSimtConfigAttr::get(
      op.getContext(), small(shape.m) ? 64 : 128, small(shape.n) ? 64 : 128,
      8));
}

KernelConfigAttrInterface
accel::codegen::gemm::getDefaultGemmConfig(MatmulOp op) {
  // 128 x 128 tiles of 8 warps (64 x 32 each) and a three-deep ring of
  // k tiles of 32 fill the 48 KiB of static shared memory; a small M or N
  // takes 64 (fewer idle rows), with a four-deep ring.
  GemmShape shape = getGemmShape(op);
  int64_t blockM = small(shape.m) ? 64 : 128, blockN = small(shape.n) ? 64 : 128;
  int64_t warpsM = 2, warpsN = blockM == 128 && blockN == 128 ? 4 : 2;
  int64_t stages = blockM == 128 && blockN == 128 ? 3 : 4;
  return dyn_cast<KernelConfigAttrInterface>(GemmSm80ConfigAttr::get(
      op.getContext(), blockM, blockN, 32, warpsM, warpsN, stages));
}

/// `OutT, Epilogue` of every kernel's template arguments.
static std::string getGemmOutputArguments(GemmOp op) {
  FailureOr<GemmEpilogue> epilogue = buildGemmEpilogue(op);
  // Verified before (checkGemmOutput); never reached with a failure.
  std::string epilogueName = succeeded(epilogue) ? epilogue->name : "void";
  Type outElement = succeeded(epilogue)
                        ? epilogue->resultElementType
                        : tensorType(op.getResult()).getElementType();
  return getCudaFloatType(outElement)->str() + ", " + epilogueName;
}

/// The kernels' type for elements of `type`.
static std::string getGemmElementType(Type type) {
  if (type.isSignlessInteger(8))
    return "signed char";
  if (isa<Float8E4M3FNType>(type))
    return "accelkern_tc::Float8E4M3";
  return getCudaFloatType(type)->str();
}

/// `T, OutT, Epilogue` of the tensor-core kernels.
static std::string getGemmTypeArguments(GemmOp op) {
  return getGemmElementType(tensorType(op.getA()).getElementType()) + ", " +
         getGemmOutputArguments(op);
}

static const char *getTransposeArgument(GemmOp op) {
  return op.getTransposeB() ? "true" : "false";
}

/// `<T, OutT, Epilogue, kBlockM, ..., kTransB>` of the mma.sync kernel.
template <typename ConfigT>
static std::string getMmaSyncTemplateArguments(GemmOp op, ConfigT config) {
  return "<" + getGemmTypeArguments(op) + ", " +
         std::to_string(config.getBlockM()) + ", " +
         std::to_string(config.getBlockN()) + ", " +
         std::to_string(config.getBlockK()) + ", " +
         std::to_string(config.getWarpsM()) + ", " +
         std::to_string(config.getWarpsN()) + ", " +
         std::to_string(config.getNumStages()) + ", " +
         getTransposeArgument(op) + ">";
}

std::string
accel::codegen::gemm::getGemmTemplateArguments(GemmOp op,
                                               GemmSm80ConfigAttr config) {
  return getMmaSyncTemplateArguments(op, config);
}

std::string accel::codegen::gemm::getGemmTemplateArguments(
    GemmOp op, QuantizedGemmSm80ConfigAttr config) {
  return getMmaSyncTemplateArguments(op, config);
}

std::string
accel::codegen::gemm::getGemmTemplateArguments(GemmOp op,
                                               GemmSm90aConfigAttr config) {
  return "<" + getGemmTypeArguments(op) + ", " +
         std::to_string(config.getBlockN()) + ", " +
         std::to_string(config.getNumStages()) + ", " +
         getTransposeArgument(op) + ">";
}

std::string
accel::codegen::gemm::getGemmTemplateArguments(GemmOp op,
                                               GemmSimtConfigAttr config) {
  // The inputs are f32: no element type argument.
  return "<" + getGemmOutputArguments(op) + ", " +
         std::to_string(config.getBlockM()) + ", " +
         std::to_string(config.getBlockN()) + ", " +
         std::to_string(config.getBlockK()) + ", " +
         getTransposeArgument(op) + ">";
}

std::string accel::codegen::gemm::getGemmFallbackTemplateArguments(GemmOp op) {
  // launchGemmSm90's fallback: the mma.sync kernel's 128 x 128 x 32 tiles
  // over 2 x 4 warps, three stages (GemmSm90.cuh).
  return "<" + getGemmTypeArguments(op) + ", 128, 128, 32, 2, 4, 3, " +
         getTransposeArgument(op) + ">";
}

KernelConfigAttrInterface
accel::codegen::gemm::getDefaultGemmSm90aConfig(MatmulOp op) {
  // 128 x 256 tiles (two m64n128 chains per consumer warpgroup, 128
  // accumulators a thread) and a four-deep ring of 48 KiB stages; a small
  // N takes the narrower tile and a deeper ring.
  int64_t n = getGemmShape(op).n;
  bool dynamic = ShapedType::isDynamic(n);
  int64_t blockN = !dynamic && n <= 64 ? 64 : !dynamic && n <= 128 ? 128 : 256;
  int64_t stages = blockN == 256 ? 4 : blockN == 128 ? 6 : 8;
  return dyn_cast<KernelConfigAttrInterface>(
      GemmSm90aConfigAttr::get(op.getContext(), blockN, stages));
}

KernelConfigAttrInterface
accel::codegen::gemm::getDefaultQuantizedGemmConfig(QuantizedMatmulOp op) {
  // The 16-bit kernel's tiles with k tiles of 64 bytes as its 32 elements
  // (the same bytes a stage, so the same ring depth fits 48 KiB), and warp
  // tiles of at most 64 x 32: ptxas holds sm_90a's 128-thread blocks to
  // 128 registers, which a 32 x 64 warp tile's fragments overflow.
  GemmShape shape = getGemmShape(op);
  int64_t blockM = small(shape.m) ? 64 : 128, blockN = small(shape.n) ? 64 : 128;
  int64_t warpsN = blockN == 128 ? 4 : 2;
  int64_t warpsM = blockM == 128 && blockN == 64 ? 4 : 2;
  int64_t stages = blockM == 128 && blockN == 128 ? 3 : 4;
  return dyn_cast<KernelConfigAttrInterface>(QuantizedGemmSm80ConfigAttr::get(
      op.getContext(), blockM, blockN, 64, warpsM, warpsN, stages));
}

void accel::codegen::registerGemmConfigModels(DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *context, AccelDialect *) {
    GemmSm80ConfigAttr::attachInterface<
        MmaSyncGemmModel<GemmSm80ConfigAttr, MatmulOp>>(*context);
    GemmSm90aConfigAttr::attachInterface<GemmSm90aModel>(*context);
    GemmSimtConfigAttr::attachInterface<GemmSimtModel>(*context);
    QuantizedGemmSm80ConfigAttr::attachInterface<
        MmaSyncGemmModel<QuantizedGemmSm80ConfigAttr, QuantizedMatmulOp>>(
        *context);
  });
}
