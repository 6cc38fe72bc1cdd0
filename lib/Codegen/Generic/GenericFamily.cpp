//===- GenericFamily.cpp - linalg ops as kernels of their own -------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// The `generic` family: a linalg.generic or linalg.fill that fusion left
// outside every accel op's dispatch (accel-form-dispatches{include-linalg}
// makes it a dispatch of its own) becomes one kernel (Generic.cuh) with a
// generated Body: f32, f16 and bf16 tensors read through any strides and
// broadcasts, parallel and reduction loops in any order, the body's scalar
// arith/math ops computed as the GEMM epilogue computes them (in f32,
// each 16-bit intermediate rounded to its type, as the CPU reference
// does). What it cannot express (integer or f64 arithmetic, linalg.index,
// a map that is not a projection, several results) is a diagnostic at the
// op.
//
//===----------------------------------------------------------------------===//

#include "CodegenSupport.h"
#include "Gemm/GemmEpilogue.h"

#include "accel/Codegen/KernelFamily.h"
#include "accel/Dialect/Accel/IR/AccelOps.h"
#include "accel/Dialect/Accel/Transforms/LinalgViews.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "llvm/ADT/SmallBitVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/xxhash.h"

#include <algorithm>

using namespace mlir;
using namespace accel;
using namespace accel::codegen;
using namespace accel::codegen::gemm;

namespace {
#include "Generic.cuh.inc"
#include "GemmSm80.cuh.inc"
#include "TensorCoreSm80.cuh.inc"

/// Generic.cuh's limits.
constexpr int64_t kMaxLoops = 8;
constexpr int64_t kMaxInputs = 8;

/// The generated kernel of one linalg op.
struct GenericKernel {
  /// `AccelGeneric_<hash of source>`: equal bodies share one type.
  std::string name;
  /// The Body type's definition.
  std::string source;
  /// The op's operands the kernel reads, in GenericParams::inputs order.
  SmallVector<unsigned> reads;
};

/// The loop a map result indexes, or none for a constant 0 (a broadcast
/// of a unit dim, or element 0).
std::optional<unsigned> getLoopOf(AffineExpr expr) {
  if (auto dim = dyn_cast<AffineDimExpr>(expr))
    return dim.getPosition();
  return std::nullopt;
}

class GenericWriter {
public:
  explicit GenericWriter(linalg::LinalgOp op) : op(op) {}

  FailureOr<GenericKernel> write();

private:
  InFlightDiagnostic fail(Operation *at) {
    InFlightDiagnostic diag = at->emitOpError();
    diag << "cannot run in the generic CUDA kernel: ";
    return diag;
  }

  /// `float vN = <expr>;`, rounded to `type` when it is 16-bit; a bool for
  /// i1 (the epilogue's convention).
  std::string define(const std::string &expr, Type type) {
    std::string name = "v" + std::to_string(next++);
    if (type.isInteger(1))
      code += indent + "bool " + name + " = " + expr + ";\n";
    else if (type.isF32())
      code += indent + "float " + name + " = " + expr + ";\n";
    else
      code += indent + "float " + name + " = roundTo<" +
              getCudaFloatType(type)->str() + ">(" + expr + ");\n";
    return name;
  }

  /// The checks of the op's shape: one result, loops, maps, types.
  LogicalResult checkStructure();
  /// Element of tensor operand `operand` at the current coordinates.
  std::string load(OpOperand &operand);
  /// The body's ops; the yielded value's expression.
  FailureOr<std::string> emitBody();

  linalg::LinalgOp op;
  std::string code, indent = "    ";
  int next = 0;
  SmallVector<unsigned> reads;
  llvm::DenseMap<Value, std::string> values;
};

LogicalResult GenericWriter::checkStructure() {
  if (op->getNumResults() != 1 || op.getNumDpsInits() != 1)
    return fail(op) << "it has " << op->getNumResults()
                    << " results (the kernel computes one)";
  if (op.getNumLoops() > kMaxLoops)
    return fail(op) << "it has " << op.getNumLoops() << " loops (at most "
                    << kMaxLoops << ")";
  for (OpOperand &operand : op->getOpOperands()) {
    Type type = operand.get().getType();
    Type element = getElementTypeOrSelf(type);
    if (!getCudaFloatType(element) && !element.isInteger(1))
      return fail(op) << "it reads " << type
                      << " (the kernel reads f32, f16, bf16 and i1)";
    if (!isa<ShapedType>(type)) {
      if (!getScalarConstantExpression(operand.get()))
        return fail(op) << "it takes a scalar that is no constant";
      continue;
    }
    for (AffineExpr expr : op.getMatchingIndexingMap(&operand).getResults()) {
      auto constant = dyn_cast<AffineConstantExpr>(expr);
      if (!isa<AffineDimExpr>(expr) && !(constant && constant.getValue() == 0))
        return fail(op) << "it indexes a tensor through "
                        << AffineMapAttr::get(
                               op.getMatchingIndexingMap(&operand))
                        << " (the kernel reads loop dims and constant 0s)";
    }
  }
  if (op.getNumReductionLoops() > 0 &&
      getElementTypeOrSelf(op->getResult(0).getType()).isInteger(1))
    return fail(op) << "it reduces into i1 (the kernel reduces f32, f16 and "
                       "bf16)";
  // The result: each parallel loop once, no reduction loop.
  AffineMap outMap = op.getMatchingIndexingMap(op.getDpsInitOperand(0));
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  llvm::SmallBitVector seen(op.getNumLoops());
  for (AffineExpr expr : outMap.getResults()) {
    std::optional<unsigned> loop = getLoopOf(expr);
    if (!loop || seen.test(*loop) ||
        iterators[*loop] != utils::IteratorType::parallel)
      return fail(op) << "it writes its result through "
                      << AffineMapAttr::get(outMap)
                      << " (the kernel writes each parallel loop once)";
    seen.set(*loop);
  }
  for (auto [loop, iterator] : llvm::enumerate(iterators))
    if (iterator == utils::IteratorType::parallel && !seen.test(loop))
      return fail(op) << "its parallel loop " << loop
                      << " is not a dim of its result";
  return success();
}

std::string GenericWriter::load(OpOperand &operand) {
  unsigned index = llvm::find(reads, operand.getOperandNumber()) - reads.begin();
  if (index == reads.size())
    reads.push_back(operand.getOperandNumber());
  std::string offset;
  llvm::SmallBitVector used(op.getNumLoops());
  for (AffineExpr expr : op.getMatchingIndexingMap(&operand).getResults())
    if (std::optional<unsigned> loop = getLoopOf(expr))
      used.set(*loop);
  for (unsigned loop : used.set_bits())
    offset += (offset.empty() ? "" : " + ") + ("c" + std::to_string(loop)) +
              " * p.strides[" + std::to_string(index * kMaxLoops + loop) + "]";
  Type element = getElementTypeOrSelf(operand.get().getType());
  std::string name = "v" + std::to_string(next++);
  std::string at = "p.inputs[" + std::to_string(index) + "], " +
                   (offset.empty() ? "0" : offset);
  if (element.isInteger(1))
    code += indent + "bool " + name + " = loadBool(" + at + ");\n";
  else
    code += indent + "float " + name + " = loadAs<" +
            getCudaFloatType(element)->str() + ">(" + at + ");\n";
  return name;
}

FailureOr<std::string> GenericWriter::emitBody() {
  Block *block = op.getBlock();
  for (Operation &inner : block->without_terminator()) {
    if (isa<linalg::IndexOp>(inner))
      return fail(&inner) << "it reads its loop coordinates";
    if (inner.getNumResults() == 1)
      if (std::optional<std::string> constant =
              getScalarConstantExpression(inner.getResult(0))) {
        values[inner.getResult(0)] = *constant;
        continue;
      }
    SmallVector<std::string> operands;
    for (Value operand : inner.getOperands()) {
      auto it = values.find(operand);
      if (it != values.end()) {
        operands.push_back(it->second);
        continue;
      }
      std::optional<std::string> constant =
          getScalarConstantExpression(operand);
      if (!constant)
        return fail(&inner) << "it uses a value from outside the op that is "
                               "no constant";
      operands.push_back(*constant);
    }
    if (inner.getNumResults() != 1)
      return fail(&inner) << "it has " << inner.getNumResults() << " results";
    Type type = inner.getResult(0).getType();
    if (!type.isInteger(1) && !getCudaFloatType(type))
      return fail(&inner) << "it computes in " << type
                          << " (the kernel computes f32, f16, bf16 and i1)";
    FailureOr<std::string> expr = getScalarOpExpression(
        &inner, operands, "the generic kernel",
        [&](Operation *at) { return fail(at); });
    if (failed(expr))
      return failure();
    values[inner.getResult(0)] = define(*expr, type);
  }
  auto yield = cast<linalg::YieldOp>(block->getTerminator());
  Value yielded = yield.getOperand(0);
  auto it = values.find(yielded);
  if (it != values.end())
    return it->second;
  if (std::optional<std::string> constant = getScalarConstantExpression(yielded))
    return *constant;
  return fail(op) << "it yields a value from outside the op that is no "
                     "constant";
}

FailureOr<GenericKernel> GenericWriter::write() {
  if (failed(checkStructure()))
    return failure();
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  SmallVector<unsigned> parallel, reduction;
  for (auto [loop, iterator] : llvm::enumerate(iterators))
    (iterator == utils::IteratorType::parallel ? parallel : reduction)
        .push_back(loop);

  // The parallel coordinates of `index`, the last loop fastest.
  std::string head;
  for (size_t i = parallel.size(); i-- > 0;) {
    std::string c = "c" + std::to_string(parallel[i]);
    std::string size = "p.sizes[" + std::to_string(parallel[i]) + "]";
    if (i == 0)
      head += "    const long long " + c + " = index;\n";
    else
      head += "    const long long " + c + " = index % " + size +
              ";\n    index /= " + size + ";\n";
  }
  std::string out;
  for (unsigned loop : parallel)
    out += (out.empty() ? "" : " + ") + ("c" + std::to_string(loop)) +
           " * p.outStrides[" + std::to_string(loop) + "]";
  head += "    const long long at = " + (out.empty() ? "0" : out) + ";\n";

  OpOperand *init = op.getDpsInitOperand(0);
  BlockArgument outArg = op.getMatchingBlockArgument(init);
  Type resultElement = getElementTypeOrSelf(op->getResult(0).getType());
  // The inputs' block arguments: loads (in the innermost loop) or scalar
  // constants.
  auto bindInputs = [&]() {
    for (OpOperand *input : op.getDpsInputOperands()) {
      BlockArgument arg = op.getMatchingBlockArgument(input);
      if (arg.use_empty())
        continue;
      values[arg] = isa<ShapedType>(input->get().getType())
                        ? load(*input)
                        : *getScalarConstantExpression(input->get());
    }
  };

  std::string result;
  if (reduction.empty()) {
    if (!outArg.use_empty())
      values[outArg] = load(*init);
    bindInputs();
    FailureOr<std::string> yielded = emitBody();
    if (failed(yielded))
      return failure();
    result = *yielded;
  } else {
    // The init is the reduction's start: an init without contents (a
    // tensor.empty outside the dispatch) is an error, not garbage.
    code += indent + "float acc = " + load(*init) + ";\n";
    for (unsigned loop : reduction) {
      std::string c = "c" + std::to_string(loop);
      code += indent + "for (long long " + c + " = 0; " + c + " < p.sizes[" +
              std::to_string(loop) + "]; ++" + c + ") {\n";
      indent += "  ";
    }
    values[outArg] = "acc";
    bindInputs();
    FailureOr<std::string> yielded = emitBody();
    if (failed(yielded))
      return failure();
    code += indent + "acc = " + *yielded + ";\n";
    for (size_t i = 0; i < reduction.size(); ++i) {
      indent.resize(indent.size() - 2);
      code += indent + "}\n";
    }
    result = "acc";
  }
  if (int64_t(reads.size()) > kMaxInputs)
    return fail(op) << "it reads " << reads.size() << " tensors (at most "
                    << kMaxInputs << ")";

  std::string run =
      "  __device__ static void run(const accelkern_generic::GenericParams &p, "
      "long long index) {\n"
      "    using namespace accelkern_gemm;\n"
      "    using namespace accelkern_generic;\n" +
      head + code +
      (resultElement.isInteger(1)
           ? "    storeBool(p.out, at, " + result + ");\n  }\n"
           : "    storeAs<" + getCudaFloatType(resultElement)->str() +
                 ">(p.out, at, " + result + ");\n  }\n");
  GenericKernel kernel;
  kernel.name = "AccelGeneric_" +
                llvm::utohexstr(llvm::xxh3_64bits(run), /*LowerCase=*/true);
  kernel.source = "struct " + kernel.name + " {\n" + run + "};\n";
  kernel.reads = std::move(reads);
  return kernel;
}

/// The generated kernel of `op`; a diagnostic on what it cannot express.
FailureOr<GenericKernel> buildGenericKernel(Operation *op) {
  return GenericWriter(cast<linalg::LinalgOp>(op)).write();
}

/// Whether `value` is a tensor.empty or a view of one (a reshape, cast,
/// slice or transpose: what the host program binds as a view).
bool isEmptyOrViewOfEmpty(Value value) {
  while (Operation *def = value.getDefiningOp()) {
    if (isa<tensor::EmptyOp>(def))
      return true;
    if (isa<tensor::CastOp, tensor::ExpandShapeOp, tensor::CollapseShapeOp,
            tensor::ExtractSliceOp>(def) ||
        getTransposePermutation(def))
      value = def->getOperand(0);
    else
      return false;
  }
  return false;
}

/// The dispatch holds the op and the scalar constants its body uses, and
/// yields the op's result (accel-form-dispatches' form).
LogicalResult checkGenericDispatch(Operation *op) {
  auto dispatch = dyn_cast<DispatchOp>(op->getParentOp());
  if (!dispatch)
    return success();
  for (Operation &inner : dispatch.getComputeOps())
    if (&inner != op && !isa<arith::ConstantOp>(inner))
      return op->emitOpError()
             << "cannot run in the generic CUDA kernel: its dispatch also "
                "holds '"
             << inner.getName()
             << "' (the kernel computes one linalg op and its constants)";
  auto yield = cast<YieldOp>(dispatch.getBody().front().getTerminator());
  if (yield.getValues() != ValueRange(op->getResults()))
    return yield.emitOpError() << "must yield the result of the dispatch's '"
                               << op->getName() << "' for the CUDA backend";
  // A read init must have contents: not a tensor.empty, nor a view of one
  // (the host program binds no storage to either).
  auto linalgOp = cast<linalg::LinalgOp>(op);
  OpOperand *init = linalgOp.getDpsInitOperand(0);
  bool readsInit = linalgOp.getNumReductionLoops() > 0 ||
                   !linalgOp.getMatchingBlockArgument(init).use_empty();
  auto argument = dyn_cast<BlockArgument>(init->get());
  if (readsInit && argument &&
      argument.getOwner() == &dispatch.getBody().front() &&
      isEmptyOrViewOfEmpty(dispatch.getInputs()[argument.getArgNumber()]))
    return op->emitOpError()
           << "cannot run in the generic CUDA kernel: it reads its init, the "
              "contents of a tensor.empty";
  return success();
}

class GenericFamily final : public KernelFamily {
public:
  StringRef getName() const override { return "generic"; }
  bool matches(Operation *op) const override {
    return isa<linalg::GenericOp, linalg::FillOp>(op);
  }

  LogicalResult checkSupported(Operation *op,
                               CudaTargetAttr) const override {
    if (failed(checkGenericDispatch(op)))
      return failure();
    return success(succeeded(buildGenericKernel(op)));
  }

  std::string getSignature(Operation *op) const override {
    // Element type, loops (p: parallel, r: reduction) and static sizes.
    auto linalgOp = cast<linalg::LinalgOp>(op);
    std::string text;
    llvm::raw_string_ostream os(text);
    os << getElementTypeOrSelf(op->getResult(0).getType()) << ".";
    for (auto [iterator, size] : llvm::zip(linalgOp.getIteratorTypesArray(),
                                           linalgOp.getStaticLoopRanges()))
      os << (iterator == utils::IteratorType::parallel ? "p" : "r")
         << (ShapedType::isDynamic(size) ? std::string("?")
                                         : std::to_string(size));
    return text;
  }

  KernelConfigAttrInterface getDefaultConfig(Operation *op,
                                             CudaTargetAttr) const override {
    return dyn_cast<KernelConfigAttrInterface>(
        GenericConfigAttr::get(op->getContext(), 256));
  }

  StringRef getTemplateSource() const override {
    static const std::string source = std::string(kTensorCoreSm80Source) +
                                      "\n" + kGemmSm80Source + "\n" +
                                      kGenericSource;
    return source;
  }

  std::string getInstanceSource(Operation *root) const override {
    FailureOr<GenericKernel> kernel = buildGenericKernel(root);
    return succeeded(kernel) ? kernel->source : std::string();
  }

  // The dispatch's constants are part of the kernel.
  bool fusesEpilogues() const override { return true; }

  OperandLayout getInputLayout(Operation *, BlockArgument) const override {
    return OperandLayout::Strided;
  }

  StringRef getKernelParameterList() const override {
    return "(const accelkern_generic::GenericParams)";
  }

  SmallVector<SmallVector<Value>>
  getResultSizes(Operation *op, HostBuilder &host,
                 ArrayRef<TensorBinding> operands) const override {
    auto linalgOp = cast<linalg::LinalgOp>(op);
    return {operands[linalgOp.getDpsInitOperand(0)->getOperandNumber()].sizes};
  }

  void buildChecks(Operation *op, HostBuilder &host,
                   ArrayRef<TensorBinding> operands,
                   ArrayRef<TensorBinding>) const override {
    // Every tensor dim that indexes a loop has that loop's size.
    auto linalgOp = cast<linalg::LinalgOp>(op);
    SmallVector<Value> sizes = getLoopSizes(linalgOp, operands);
    for (OpOperand &operand : op->getOpOperands()) {
      if (!isa<ShapedType>(operand.get().getType()))
        continue;
      for (auto [d, expr] : llvm::enumerate(
               linalgOp.getMatchingIndexingMap(&operand).getResults()))
        if (std::optional<unsigned> loop = getLoopOf(expr))
          host.checkEqual(op, sizes[*loop],
                          operands[operand.getOperandNumber()].sizes[d],
                          "the size of loop " + std::to_string(*loop) +
                              " and dim " + std::to_string(d) +
                              " of operand #" +
                              std::to_string(operand.getOperandNumber()));
    }
  }

  void buildLaunch(Operation *op, KernelConfigAttrInterface config,
                   HostBuilder &host, ArrayRef<TensorBinding> operands,
                   ArrayRef<TensorBinding>,
                   ArrayRef<TensorBinding> results) const override {
    auto linalgOp = cast<linalg::LinalgOp>(op);
    GenericKernel kernel = *buildGenericKernel(op);
    SmallVector<Value> sizes = getLoopSizes(linalgOp, operands);
    Value p = host.makeStruct("accelkern_generic::GenericParams");
    host.setField(p, "out", results[0].pointer);
    for (auto [i, number] : llvm::enumerate(kernel.reads)) {
      OpOperand &operand = op->getOpOperand(number);
      const TensorBinding &t = operands[number];
      host.setField(p, "inputs", i, t.pointer);
      SmallVector<Value> strides = host.getStrides(t);
      SmallVector<Value> loopStrides(linalgOp.getNumLoops(), Value());
      for (auto [d, expr] : llvm::enumerate(
               linalgOp.getMatchingIndexingMap(&operand).getResults()))
        if (std::optional<unsigned> loop = getLoopOf(expr))
          loopStrides[*loop] = loopStrides[*loop]
                                   ? host.add(loopStrides[*loop], strides[d])
                                   : strides[d];
      for (auto [loop, stride] : llvm::enumerate(loopStrides))
        if (stride)
          host.setField(p, "strides", i * kMaxLoops + loop, stride);
    }
    SmallVector<Value> outStrides = host.getStrides(results[0]);
    SmallVector<Value> parallelSizes;
    for (auto [j, expr] : llvm::enumerate(
             linalgOp.getMatchingIndexingMap(linalgOp.getDpsInitOperand(0))
                 .getResults())) {
      unsigned loop = *getLoopOf(expr);
      host.setField(p, "outStrides", loop, outStrides[j]);
      parallelSizes.push_back(sizes[loop]);
    }
    for (auto [loop, size] : llvm::enumerate(sizes))
      host.setField(p, "sizes", loop, size);
    host.setField(p, "count", host.product(parallelSizes));
    host.launch(op,
                "accelkern_generic::launchGeneric<" + kernel.name + ", " +
                    std::to_string(
                        cast<GenericConfigAttr>(config).getBlockSize()) +
                    ">",
                p);
  }

private:
  /// Each loop's size: the first tensor dim that indexes it.
  static SmallVector<Value> getLoopSizes(linalg::LinalgOp op,
                                         ArrayRef<TensorBinding> operands) {
    SmallVector<Value> sizes(op.getNumLoops(), Value());
    for (OpOperand &operand : op->getOpOperands()) {
      if (!isa<ShapedType>(operand.get().getType()))
        continue;
      for (auto [d, expr] :
           llvm::enumerate(op.getMatchingIndexingMap(&operand).getResults()))
        if (std::optional<unsigned> loop = getLoopOf(expr); loop && !sizes[*loop])
          sizes[*loop] = operands[operand.getOperandNumber()].sizes[d];
    }
    return sizes;
  }
};

struct GenericConfigModel
    : KernelConfigAttrInterface::ExternalModel<GenericConfigModel,
                                               GenericConfigAttr> {
  StringRef getFamilyName(Attribute) const { return "generic"; }

  LogicalResult verifyForOp(Attribute attr, Operation *op,
                            CudaTargetAttr) const {
    if (!isa<linalg::GenericOp, linalg::FillOp>(op))
      return op->emitOpError()
             << "cannot take '#accel."
             << cast<GenericConfigAttr>(attr).getMnemonic()
             << "', which configures linalg.generic and linalg.fill";
    if (failed(checkGenericDispatch(op)))
      return failure();
    return success(succeeded(buildGenericKernel(op)));
  }

  std::string getTemplateInstance(Attribute attr, Operation *op) const {
    FailureOr<GenericKernel> kernel = buildGenericKernel(op);
    return "accelkern_generic::genericKernel<" +
           (succeeded(kernel) ? kernel->name : std::string("?")) + ", " +
           std::to_string(cast<GenericConfigAttr>(attr).getBlockSize()) + ">";
  }

  /// Result elements, when static.
  static std::optional<int64_t> getCount(Operation *op) {
    auto type = cast<ShapedType>(op->getResult(0).getType());
    if (!type.hasStaticShape())
      return std::nullopt;
    return type.getNumElements();
  }

  KernelLaunchShape getLaunchShape(Attribute attr, Operation *op) const {
    int64_t blockSize = cast<GenericConfigAttr>(attr).getBlockSize();
    std::optional<int64_t> count = getCount(op);
    int64_t blocks =
        count ? std::min<int64_t>(std::max<int64_t>(ceilDiv(*count, blockSize), 1),
                                  int64_t(1) << 20)
              : ShapedType::kDynamic;
    return {{blocks, 1, 1}, blockSize, 0};
  }

  std::optional<double> estimateMicroseconds(Attribute, Operation *op,
                                             CudaTargetAttr target) const {
    // DRAM-bound: every tensor operand read once and the result written
    // (reads of a broadcast operand hit the cache).
    if (!target)
      return std::nullopt;
    double bytes = 0;
    SmallVector<Value> tensors(op->getOperands());
    llvm::append_range(tensors, op->getResults());
    for (Value value : tensors) {
      auto type = dyn_cast<ShapedType>(value.getType());
      if (!type)
        continue;
      if (!type.hasStaticShape())
        return std::nullopt;
      bytes += double(type.getNumElements()) *
               double(type.getElementTypeBitWidth()) / 8;
    }
    return bytes / (target.getReferencePart().dramTerabytesPerSecond * 1e12) *
           1e6;
  }
};
} // namespace

void accel::codegen::registerGenericKernels(KernelRegistry &registry) {
  registry.add(std::make_unique<GenericFamily>());
}

void accel::codegen::registerGenericConfigModels(DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *context, AccelDialect *) {
    GenericConfigAttr::attachInterface<GenericConfigModel>(*context);
  });
}
