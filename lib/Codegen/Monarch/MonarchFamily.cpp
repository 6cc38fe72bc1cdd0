//===- MonarchFamily.cpp - block_diag_matmul and monarch_matmul on CUDA ---===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// The monarch family (Monarch.cuh): accel.block_diag_matmul as one batched
// GEMM over its blocks and accel.monarch_matmul as two, on the mma.sync GEMM
// template, the permutation folded into the factors' stores, the
// dispatch's epilogue (GemmEpilogue.cpp) in the last factor's; and
// #accel.monarch_sm80_config's interface model. x and the factors are read
// dense; the result is written dense.
//
//===----------------------------------------------------------------------===//

#include "CodegenSupport.h"
#include "Gemm/GemmEpilogue.h"

#include "accel/Codegen/KernelFamily.h"
#include "accel/Dialect/Accel/IR/AccelOps.h"

#include <algorithm>

using namespace mlir;
using namespace accel;
using namespace accel::codegen;
using namespace accel::codegen::gemm;

namespace {
#include "GemmSm80.cuh.inc"
#include "Monarch.cuh.inc"
#include "TensorCoreSm80.cuh.inc"

using Pred = arith::CmpIPredicate;

/// The sizes of a product (contract section 3): x [B..., k * p],
/// w1 [k, q, p], w2 [l, s, r]; l = s = r = 0 for block_diag_matmul.
struct MonarchShape {
  int64_t k, q, p, l = 0, s = 0, r = 0;
  bool isMonarch() const { return l != 0; }
  /// The result's last dim.
  int64_t getColumns() const { return isMonarch() ? l * s : k * q; }
};

Value getInput(Operation *op) {
  if (auto blockDiag = dyn_cast<BlockDiagMatmulOp>(op))
    return blockDiag.getX();
  return cast<MonarchMatmulOp>(op).getX();
}

/// The factors: w (block_diag_matmul) or w1 and w2.
SmallVector<Value, 2> getFactors(Operation *op) {
  if (auto blockDiag = dyn_cast<BlockDiagMatmulOp>(op))
    return {blockDiag.getW()};
  auto monarch = cast<MonarchMatmulOp>(op);
  return {monarch.getW1(), monarch.getW2()};
}

/// The shape of an op whose factors are static (checkMonarchSupported).
MonarchShape getMonarchShape(Operation *op) {
  SmallVector<Value, 2> factors = getFactors(op);
  ArrayRef<int64_t> w1 = tensorType(factors[0]).getShape();
  MonarchShape shape{w1[0], w1[1], w1[2]};
  if (factors.size() == 2) {
    ArrayRef<int64_t> w2 = tensorType(factors[1]).getShape();
    shape.l = w2[0];
    shape.s = w2[1];
    shape.r = w2[2];
  }
  return shape;
}

/// The rows of the folded GEMMs (x's leading dims), dynamic where one is.
int64_t getRows(Operation *op) {
  int64_t rows = 1;
  for (int64_t size : tensorType(getInput(op)).getShape().drop_back()) {
    if (ShapedType::isDynamic(size))
      return ShapedType::kDynamic;
    rows *= size;
  }
  return rows;
}

/// How an epilogue tensor of a rank-`rank` result is addressed over the
/// folded rows (x's leading dims flattened).
enum class RowAccess {
  /// It varies over the columns only (its leading-dim strides are 0).
  None,
  /// Its leading dims are the result's leading dims, in order: read dense,
  /// one row stride (its dim rank - 2's) walks the folded rows.
  Nested,
  /// Anything else (it varies over some leading dims only): no row stride.
  Other,
};

RowAccess getRowAccess(const EpilogueExtra &extra, int64_t rank) {
  ArrayRef<AffineExpr> results = extra.map.getResults();
  bool readsLeadingDims = llvm::any_of(results, [&](AffineExpr expr) {
    auto dim = dyn_cast<AffineDimExpr>(expr);
    return dim && dim.getPosition() < unsigned(rank - 1);
  });
  if (!readsLeadingDims || rank <= 2)
    return rank <= 2 && readsLeadingDims ? RowAccess::Nested : RowAccess::None;
  if (int64_t(results.size()) != rank)
    return RowAccess::Other;
  for (int64_t d = 0; d < rank - 1; ++d) {
    auto dim = dyn_cast<AffineDimExpr>(results[d]);
    if (!dim || dim.getPosition() != unsigned(d))
      return RowAccess::Other;
  }
  return RowAccess::Nested;
}

LogicalResult checkMonarchSupported(Operation *op, CudaTargetAttr target) {
  if (target && !target.hasMmaSync())
    return op->emitOpError() << "needs mma.sync (sm_80 and up) for its CUDA "
                                "kernel, the target is "
                             << target.getChip();
  // (The verifier makes x and the factors share their element type.)
  Type element = tensorType(getInput(op)).getElementType();
  if (!element.isBF16() && !element.isF16())
    return op->emitOpError() << "has " << element
                             << " inputs; the CUDA Monarch kernels take bf16 "
                                "and f16 (f32 has no CUDA kernel yet)";
  for (Value w : getFactors(op))
    if (!tensorType(w).hasStaticShape())
      return op->emitOpError()
             << "has a factor of type " << w.getType()
             << "; the CUDA Monarch kernels need static factor shapes";
  // The launch grid: blocks in z, column tiles (of 16 at least) in y; the
  // kernels' int column arithmetic.
  MonarchShape shape = getMonarchShape(op);
  int64_t blocks = std::max(shape.k, shape.l),
          columns = std::max(shape.q, shape.s);
  if (blocks > 65535 || columns > 65535 * 16 ||
      shape.k * shape.q > 2147483647 || shape.getColumns() > 2147483647)
    return op->emitOpError()
           << "has factors of " << blocks << " blocks of " << columns
           << " outputs; the CUDA Monarch kernels launch at most 65535 "
              "blocks of at most 1048560 outputs";
  // The reductions are the kernels' int K (with a k tile of headroom), and
  // so is x's row stride.
  if (shape.k * shape.p > 2147483647 - 256)
    return op->emitOpError()
           << "has " << shape.k * shape.p
           << " inputs (x's last dim); the CUDA Monarch kernels take fewer "
              "than 2^31 - 256";
  if (shape.r > 2147483647 - 256)
    return op->emitOpError()
           << "has second-factor blocks of " << shape.r
           << " inputs; the CUDA Monarch kernels take fewer than 2^31 - 256";
  // The epilogue sees the result's row (x's leading dims folded) and
  // column: its tensors vary over the columns only, or over all the
  // leading dims in order (read dense, so one row stride walks them).
  FailureOr<GemmEpilogue> epilogue = buildKernelEpilogue(op);
  if (failed(epilogue))
    return failure();
  int64_t rank = tensorType(op->getResult(0)).getRank();
  for (const EpilogueExtra &extra : epilogue->extras)
    if (getRowAccess(extra, rank) == RowAccess::Other)
      return op->emitOpError()
             << "has a fused epilogue that reads " << extra.value.getType()
             << " along some of the leading dims of its rank-" << rank
             << " result; the CUDA Monarch kernels fold those dims into rows "
                "and take epilogue tensors that vary over the columns only "
                "or over every leading dim in order";
  return success();
}

/// The kernels' element types and the generated epilogue's name.
struct KernelTypes {
  std::string element, outType, epilogue;
  /// `T, OutT, Epilogue` of launchMonarch.
  std::string getArguments() const {
    return element + ", " + outType + ", " + epilogue;
  }
};

KernelTypes getKernelTypes(Operation *op) {
  FailureOr<GemmEpilogue> epilogue = buildKernelEpilogue(op);
  // Verified before (checkMonarchSupported); never reached with a failure.
  Type outElement = succeeded(epilogue)
                        ? epilogue->resultElementType
                        : tensorType(op->getResult(0)).getElementType();
  return {getCudaFloatType(tensorType(getInput(op)).getElementType())->str(),
          getCudaFloatType(outElement)->str(),
          succeeded(epilogue) ? epilogue->name : "void"};
}

/// `kBlockM, ..., kStages` of the kernels.
std::string getKnobArguments(MonarchSm80ConfigAttr config) {
  return std::to_string(config.getBlockM()) + ", " +
         std::to_string(config.getBlockN()) + ", " +
         std::to_string(config.getBlockK()) + ", " +
         std::to_string(config.getWarpsM()) + ", " +
         std::to_string(config.getWarpsN()) + ", " +
         std::to_string(config.getNumStages());
}

/// gemmKernel's template-id for one factor under `epilogue`, storing OutT.
std::string getFactorKernel(StringRef element, StringRef outType,
                            StringRef epilogue,
                            MonarchSm80ConfigAttr config) {
  return ("accelkern_gemm::gemmKernel<" + element + ", " + outType + ", " +
          epilogue + ", " + getKnobArguments(config) + ", true>")
      .str();
}

class MonarchFamily final : public KernelFamily {
public:
  StringRef getName() const override { return "monarch"; }
  bool matches(Operation *op) const override {
    return isa<BlockDiagMatmulOp, MonarchMatmulOp>(op);
  }

  LogicalResult checkSupported(Operation *op,
                               CudaTargetAttr target) const override {
    return checkMonarchSupported(op, target);
  }

  std::string getSignature(Operation *op) const override {
    MonarchShape shape = getMonarchShape(op);
    int64_t rows = getRows(op);
    std::string text;
    llvm::raw_string_ostream os(text);
    os << tensorType(getInput(op)).getElementType() << ".rows"
       << (ShapedType::isDynamic(rows) ? std::string("?")
                                       : std::to_string(rows))
       << ".w1_" << shape.k << "x" << shape.q << "x" << shape.p;
    if (shape.isMonarch())
      os << ".w2_" << shape.l << "x" << shape.s << "x" << shape.r;
    return text;
  }

  KernelConfigAttrInterface getDefaultConfig(Operation *op,
                                             CudaTargetAttr) const override {
    // Tiles for the factors' N (the wider of q and s) and the rows:
    // 64-wide where a block has at most 64 outputs (the many-small-blocks
    // regime), else 128 wide over 4 warps in n (warp tiles of at most
    // 64 x 32: 32 x 64 ones spill on sm_90a, whose ptxas caps 128-thread
    // blocks at 128 registers).
    MonarchShape shape = getMonarchShape(op);
    int64_t rows = getRows(op);
    bool smallRows = !ShapedType::isDynamic(rows) && rows <= 64;
    int64_t blockM = smallRows ? 64 : 128,
            blockN = std::max(shape.q, shape.s) <= 64 ? 64 : 128;
    int64_t warpsM = 2, warpsN = blockN == 128 ? 4 : 2;
    int64_t stages = blockM == 128 && blockN == 128 ? 3 : 4;
    return dyn_cast<KernelConfigAttrInterface>(MonarchSm80ConfigAttr::get(
        op->getContext(), blockM, blockN, 32, warpsM, warpsN, stages));
  }

  StringRef getTemplateSource() const override {
    static const std::string source = std::string(kTensorCoreSm80Source) +
                                      "\n" + kGemmSm80Source + "\n" +
                                      kMonarchSource;
    return source;
  }

  std::string getInstanceSource(Operation *root) const override {
    FailureOr<GemmEpilogue> epilogue = buildKernelEpilogue(root);
    return succeeded(epilogue) ? epilogue->source : std::string();
  }

  bool fusesEpilogues() const override { return true; }

  OperandLayout getInputLayout(Operation *root,
                               BlockArgument input) const override {
    // x and the factors dense (x's leading dims fold into rows), and so an
    // epilogue tensor that varies over the folded leading dims; the other
    // epilogue tensors through any strides.
    if (input == getInput(root) || llvm::is_contained(getFactors(root), input))
      return OperandLayout::Contiguous;
    FailureOr<GemmEpilogue> epilogue = buildKernelEpilogue(root);
    int64_t rank = tensorType(root->getResult(0)).getRank();
    if (succeeded(epilogue) && rank > 2)
      for (const EpilogueExtra &extra : epilogue->extras)
        if (extra.value == input &&
            getRowAccess(extra, rank) == RowAccess::Nested)
          return OperandLayout::Contiguous;
    return OperandLayout::Strided;
  }

  StringRef getKernelParameterList() const override {
    return "(const accelkern_gemm::GemmParams)";
  }

  SmallVector<SmallVector<Value>>
  getResultSizes(Operation *op, HostBuilder &host,
                 ArrayRef<TensorBinding> operands) const override {
    SmallVector<Value> sizes(operands[0].sizes.begin(),
                             operands[0].sizes.end() - 1);
    sizes.push_back(host.constant(getMonarchShape(op).getColumns()));
    return {sizes};
  }

  void buildChecks(Operation *op, HostBuilder &host,
                   ArrayRef<TensorBinding> operands,
                   ArrayRef<TensorBinding> dispatchInputs) const override {
    MonarchShape shape = getMonarchShape(op);
    const TensorBinding &x = operands[0];
    // The CPU reference's run-time check, in its words.
    host.checkEqual(op, x.sizes.back(), host.constant(shape.k * shape.p),
                    shape.isMonarch() ? "the last dim of x and k * p of w1"
                                      : "the last dim of x and nb * p");
    Value rows =
        host.product(ArrayRef<Value>(x.sizes).drop_back());
    host.check(op, host.cmp(Pred::sgt, rows, 2147483647ll - 256),
               "x's leading dims to hold fewer than 2^31 - 256 rows (the "
               "kernels' int row arithmetic), got %lld",
               {rows});
    FailureOr<GemmEpilogue> epilogue = buildKernelEpilogue(op);
    if (succeeded(epilogue))
      buildEpilogueTensorChecks(op, *epilogue, host, operands, dispatchInputs,
                                getResultSizes(op, host, operands)[0]);
  }

  void buildLaunch(Operation *op, KernelConfigAttrInterface config,
                   HostBuilder &host, ArrayRef<TensorBinding> operands,
                   ArrayRef<TensorBinding> dispatchInputs,
                   ArrayRef<TensorBinding> results) const override;
};

struct MonarchSm80Model
    : KernelConfigAttrInterface::ExternalModel<MonarchSm80Model,
                                               MonarchSm80ConfigAttr> {
  StringRef getFamilyName(Attribute) const { return "monarch"; }

  LogicalResult verifyForOp(Attribute attr, Operation *op,
                            CudaTargetAttr target) const {
    if (!isa<BlockDiagMatmulOp, MonarchMatmulOp>(op))
      return op->emitOpError()
             << "cannot take '#accel."
             << cast<MonarchSm80ConfigAttr>(attr).getMnemonic()
             << "', which configures accel.block_diag_matmul and "
                "accel.monarch_matmul";
    return checkMonarchSupported(op, target);
  }

  /// The last factor's kernel (the one that writes the result).
  std::string getTemplateInstance(Attribute attr, Operation *op) const {
    // block_diag_matmul stores unpermuted (launchMonarch).
    KernelTypes types = getKernelTypes(op);
    return getFactorKernel(
        types.element, types.outType,
        isa<MonarchMatmulOp>(op)
            ? "accelkern_monarch::PermutedColumns<" + types.epilogue + ">"
            : types.epilogue,
        cast<MonarchSm80ConfigAttr>(attr));
  }

  /// A Monarch product's first factor, into the intermediate.
  SmallVector<std::string> getAuxiliaryInstances(Attribute attr,
                                                 Operation *op) const {
    if (!isa<MonarchMatmulOp>(op))
      return {};
    std::string element = getKernelTypes(op).element;
    return {"template __global__ void " +
            getFactorKernel(element, element, "accelkern_monarch::Intermediate",
                            cast<MonarchSm80ConfigAttr>(attr)) +
            "(const accelkern_gemm::GemmParams)"};
  }

  KernelLaunchShape getLaunchShape(Attribute attr, Operation *op) const {
    auto config = cast<MonarchSm80ConfigAttr>(attr);
    MonarchShape shape = getMonarchShape(op);
    int64_t blocks = shape.isMonarch() ? shape.l : shape.k,
            outputs = shape.isMonarch() ? shape.s : shape.q;
    return {{tilesOf(getRows(op), config.getBlockM()),
             tilesOf(outputs, config.getBlockN()), blocks},
            config.getNumThreads(),
            config.getSharedBytes()};
  }

  /// Roofline of the factors' tensor-core time against the DRAM time of
  /// x, the factors, the intermediate (written and read once) and the
  /// result.
  std::optional<double> estimateMicroseconds(Attribute, Operation *op,
                                             CudaTargetAttr target) const {
    int64_t rows = getRows(op);
    if (!target || ShapedType::isDynamic(rows))
      return std::nullopt;
    MonarchShape shape = getMonarchShape(op);
    double rowCount = double(rows);
    double flops = 2.0 * rowCount *
                   (double(shape.k * shape.q * shape.p) +
                    double(shape.l * shape.s * shape.r));
    double outBytes = tensorType(op->getResult(0)).getElementTypeBitWidth() / 8.0;
    double bytes = 2.0 * rowCount * double(shape.k * shape.p) +
                   2.0 * double(shape.k * shape.q * shape.p +
                                shape.l * shape.s * shape.r) +
                   (shape.isMonarch() ? 4.0 * rowCount * double(shape.k * shape.q)
                                      : 0.0) +
                   outBytes * rowCount * double(shape.getColumns());
    CudaTargetAttr::ReferencePart part = target.getReferencePart();
    double seconds =
        std::max(flops / (part.tensorTflops * 1e12),
                 bytes / (part.dramTerabytesPerSecond * 1e12));
    return seconds * 1e6;
  }
};
} // namespace

void MonarchFamily::buildLaunch(Operation *op, KernelConfigAttrInterface config,
                                HostBuilder &host,
                                ArrayRef<TensorBinding> operands,
                                ArrayRef<TensorBinding> dispatchInputs,
                                ArrayRef<TensorBinding> results) const {
  MonarchShape shape = getMonarchShape(op);
  const TensorBinding &x = operands[0], &out = results[0];
  Value p = host.makeStruct("accelkern_monarch::MonarchParams");
  host.setField(p, "x", x.pointer);
  host.setField(p, "w1", operands[1].pointer);
  host.setField(p, "w2",
                shape.isMonarch() ? operands[2].pointer : host.nullPointer());
  host.setField(p, "out", out.pointer);
  Value rows = host.product(ArrayRef<Value>(x.sizes).drop_back());
  host.setField(p, "rows", rows);
  // The intermediate t2 [rows, k * q] in the inputs' type.
  Value t2 = host.nullPointer();
  if (shape.isMonarch()) {
    int64_t rowBytes =
        shape.k * shape.q *
        getElementBytes(tensorType(getInput(op)).getElementType());
    t2 = host.allocate(op, host.mul(rows, host.constant(rowBytes)),
                       "could not allocate the Monarch intermediate");
  }
  host.setField(p, "t2", t2);
  for (auto [field, value] :
       {std::pair{"k", shape.k}, std::pair{"q", shape.q},
        std::pair{"p", shape.p}, std::pair{"l", shape.l},
        std::pair{"s", shape.s}, std::pair{"r", shape.r}})
    host.setField(p, field, host.constant(value));

  // The epilogue's tensors over the result's row (the folded leading
  // dims: 0, or the stride of dim rank - 2 of a dense tensor whose leading
  // dims are the result's; getRowAccess) and column.
  FailureOr<GemmEpilogue> epilogue = buildKernelEpilogue(op);
  assert(succeeded(epilogue) && "checked by accel-select-kernels");
  int64_t outRank = out.sizes.size();
  for (auto [i, extra] : llvm::enumerate(epilogue->extras)) {
    const TensorBinding &t =
        getEpilogueTensorBinding(op, extra, operands, dispatchInputs);
    host.setField(p, "extras", i, t.pointer);
    SmallVector<Value> coordStrides =
        getEpilogueCoordinateStrides(host, extra, t, outRank);
    host.setField(p, "extraRowStrides", i,
                  outRank >= 2 ? coordStrides[outRank - 2] : host.constant(0));
    host.setField(p, "extraColStrides", i, coordStrides[outRank - 1]);
  }
  host.launch(op,
              "accelkern_monarch::launchMonarch<" +
                  getKernelTypes(op).getArguments() + ", " +
                  getKnobArguments(cast<MonarchSm80ConfigAttr>(config)) +
                  (shape.isMonarch() ? ", true>" : ", false>"),
              p);
}

void accel::codegen::registerMonarchKernels(KernelRegistry &registry) {
  registry.add(std::make_unique<MonarchFamily>());
}

void accel::codegen::registerMonarchConfigModels(DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *context, AccelDialect *) {
    MonarchSm80ConfigAttr::attachInterface<MonarchSm80Model>(*context);
  });
}
