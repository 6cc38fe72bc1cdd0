//===- GemmEpilogue.cpp - a GEMM dispatch's epilogue as CUDA --------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// Every value keeps the meaning of its IR type: the CUDA epilogue computes
// in f32 and rounds each intermediate of a 16-bit type to that type (the
// CPU reference computes 16-bit arithmetic the same way: extend, compute,
// round), so a fused chain matches the unfused ops it replaces, not just a
// tolerance. What it cannot express (integer arithmetic, f64, linalg.index,
// a reduction, a tensor the chain did not compute) is a diagnostic at the
// op, so the backend never drops an op silently.
//
//===----------------------------------------------------------------------===//

#include "GemmEpilogue.h"
#include "CodegenSupport.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Matchers.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/xxhash.h"

#include <cmath>
#include <cstring>

using namespace mlir;
using namespace accel;
using namespace accel::codegen;
using namespace accel::codegen::gemm;

std::string accel::codegen::gemm::getFloatLiteral(float value) {
  if (std::isfinite(value)) {
    char text[32];
    snprintf(text, sizeof(text), "%.9g", value);
    std::string result = text;
    if (result.find_first_of(".e") == std::string::npos)
      result += ".0";
    return "(" + result + "f)";
  }
  uint32_t bits;
  std::memcpy(&bits, &value, sizeof(bits));
  char text[48];
  snprintf(text, sizeof(text), "__int_as_float(0x%08x)", bits);
  return text;
}

std::optional<std::string>
accel::codegen::gemm::getScalarConstantExpression(Value value) {
  Attribute attr;
  if (!matchPattern(value, m_Constant(&attr)))
    return std::nullopt;
  if (auto splat = dyn_cast<SplatElementsAttr>(attr))
    attr = splat.getSplatValue<Attribute>();
  if (auto f = dyn_cast<FloatAttr>(attr))
    return getFloatLiteral(
        static_cast<float>(f.getValue().convertToDouble()));
  if (auto b = dyn_cast<IntegerAttr>(attr); b && b.getType().isInteger(1))
    return std::string(b.getValue().isZero() ? "false" : "true");
  // Other integers only as math.fpowi's exponent: an op computing in an
  // integer type is refused by the element type checks.
  if (auto i = dyn_cast<IntegerAttr>(attr);
      i && i.getType().isSignlessInteger() && i.getValue().getSignificantBits() <= 64)
    return std::to_string(i.getValue().getSExtValue()) + "LL";
  return std::nullopt;
}

FailureOr<std::string> accel::codegen::gemm::getScalarOpExpression(
    Operation *op, ArrayRef<std::string> x, StringRef subject,
    function_ref<InFlightDiagnostic(Operation *)> fail) {
  auto binary = [&](StringRef infix) {
    return "(" + x[0] + " " + infix.str() + " " + x[1] + ")";
  };
  auto call = [&](StringRef function) {
    std::string text = function.str() + "(";
    for (auto [i, operand] : llvm::enumerate(x))
      text += (i ? ", " : "") + operand;
    return text + ")";
  };
  if (isa<arith::AddFOp>(op))
    return binary("+");
  if (isa<arith::SubFOp>(op))
    return binary("-");
  if (isa<arith::MulFOp>(op))
    return binary("*");
  if (isa<arith::DivFOp>(op))
    return binary("/");
  if (isa<arith::NegFOp>(op))
    return "(-" + x[0] + ")";
  if (isa<arith::MaximumFOp>(op))
    return call("maximumF");
  if (isa<arith::MinimumFOp>(op))
    return call("minimumF");
  if (isa<arith::MaxNumFOp>(op))
    return call("fmaxf");
  if (isa<arith::MinNumFOp>(op))
    return call("fminf");
  if (isa<arith::ExtFOp, arith::TruncFOp>(op))
    return x[0]; // define() rounds to the result type
  if (isa<arith::SelectOp>(op))
    return "(" + x[0] + " ? " + x[1] + " : " + x[2] + ")";
  if (auto cmp = dyn_cast<arith::CmpFOp>(op)) {
    using P = arith::CmpFPredicate;
    std::string a = x[0], b = x[1];
    // C comparisons are false on NaN: the ordered predicates as they are,
    // the unordered ones as the negation of the ordered complement.
    switch (cmp.getPredicate()) {
    case P::AlwaysFalse: return std::string("false");
    case P::AlwaysTrue: return std::string("true");
    case P::OEQ: return "(" + a + " == " + b + ")";
    case P::OGT: return "(" + a + " > " + b + ")";
    case P::OGE: return "(" + a + " >= " + b + ")";
    case P::OLT: return "(" + a + " < " + b + ")";
    case P::OLE: return "(" + a + " <= " + b + ")";
    case P::ONE: return "(" + a + " < " + b + " || " + a + " > " + b + ")";
    case P::ORD: return "(" + a + " == " + a + " && " + b + " == " + b + ")";
    case P::UEQ: return "!(" + a + " < " + b + " || " + a + " > " + b + ")";
    case P::UGT: return "!(" + a + " <= " + b + ")";
    case P::UGE: return "!(" + a + " < " + b + ")";
    case P::ULT: return "!(" + a + " >= " + b + ")";
    case P::ULE: return "!(" + a + " > " + b + ")";
    case P::UNE: return "(" + a + " != " + b + ")";
    case P::UNO: return "(" + a + " != " + a + " || " + b + " != " + b + ")";
    }
  }
  static const std::pair<StringRef, StringRef> kMath[] = {
      {"math.exp", "expf"},     {"math.exp2", "exp2f"},
      {"math.expm1", "expm1f"}, {"math.log", "logf"},
      {"math.log2", "log2f"},   {"math.log1p", "log1pf"},
      {"math.tanh", "tanhf"},   {"math.sqrt", "sqrtf"},
      {"math.rsqrt", "rsqrtf"}, {"math.erf", "erff"},
      {"math.absf", "fabsf"},   {"math.fma", "fmaf"},
      {"math.powf", "powf"},    {"math.sin", "sinf"},
      {"math.cos", "cosf"},     {"math.floor", "floorf"},
      {"math.ceil", "ceilf"},   {"math.copysign", "copysignf"},
      {"math.roundeven", "rintf"}};
  for (auto [name, function] : kMath)
    if (op->getName().getStringRef() == name)
      return call(function);
  if (isa<math::FPowIOp>(op)) {
    // The exponent as a constant (readConstant's integer literal).
    if (!matchPattern(op->getOperand(1), m_Constant()))
      return fail(op) << "its exponent is not a constant";
    return call("powi");
  }
  return fail(op) << subject << " computes f32/f16/bf16 arith and math ops "
                     "(add, sub, mul, div, neg, max/min, compare, select, "
                     "extf/truncf, exp, log, tanh, sqrt, rsqrt, erf, fpowi "
                     "by a constant, ...)";
}

namespace {
class EpilogueWriter {
public:
  explicit EpilogueWriter(Operation *root)
      : root(root), dispatch(dyn_cast<DispatchOp>(root->getParentOp())),
        outRank(tensorType(root->getResult(0)).getRank()) {
    if (GemmOp::classof(root))
      matmul = GemmOp::get(root);
  }

  FailureOr<GemmEpilogue> write();

private:
  /// `float vN = <expr>;`, rounded to `type` when it is 16-bit; a bool for
  /// i1.
  std::string define(const std::string &expr, Type type) {
    std::string name = "v" + std::to_string(next++);
    if (type.isInteger(1)) {
      body += "    bool " + name + " = " + expr + ";\n";
      return name;
    }
    if (type.isF32())
      body += "    float " + name + " = " + expr + ";\n";
    else
      body += "    float " + name + " = roundTo<" +
              getCudaFloatType(type)->str() + ">(" + expr + ");\n";
    return name;
  }

  /// Element `at` of `tensor` read through `map` (output dims -> its dims).
  FailureOr<std::string> readExtra(Value tensor, AffineMap map,
                                   Operation *user);
  /// The scalar of tensor operand `value` of `user` read through `map`.
  FailureOr<std::string> readTensorOperand(Value value, AffineMap map,
                                           Operation *user);
  /// A scalar constant as an expression, if `value` is one.
  std::optional<std::string> readConstant(Value value);
  /// One scalar op (`operands` are its operands' expressions).
  FailureOr<std::string> emitScalarOp(Operation *op,
                                      ArrayRef<std::string> operands);
  LogicalResult emitTensorElementwise(Operation *op);
  LogicalResult emitLinalg(linalg::LinalgOp op);
  LogicalResult checkElementType(Operation *op, Type type);
  /// A quantized_matmul's dequantized sum: acc * (a_scale * b_scale).
  FailureOr<std::string> dequantize();

  InFlightDiagnostic fail(Operation *op) {
    InFlightDiagnostic diag = op->emitOpError();
    diag << "cannot be part of the GEMM kernel's epilogue: ";
    return diag;
  }

  /// The kernel's op (the dispatch's root), and its GemmOp view when it is
  /// a matmul or quantized_matmul (whose bias and scales the epilogue
  /// applies first).
  Operation *root;
  std::optional<GemmOp> matmul;
  DispatchOp dispatch;
  int64_t outRank;
  /// Expressions of chain tensors (per element) and of scalars in bodies.
  llvm::DenseMap<Value, std::string> values;
  SmallVector<EpilogueExtra> extras;
  std::string body;
  int next = 0;
};
} // namespace

LogicalResult EpilogueWriter::checkElementType(Operation *op, Type type) {
  Type element = getElementTypeOrSelf(type);
  if (element.isInteger(1) || getCudaFloatType(element))
    return success();
  return fail(op) << "it computes in " << element
                  << " (the epilogue takes f32, f16, bf16 and i1 values)";
}

FailureOr<std::string> EpilogueWriter::readExtra(Value tensor, AffineMap map,
                                                 Operation *user) {
  auto type = cast<RankedTensorType>(tensor.getType());
  std::optional<StringRef> storage = getCudaFloatType(type.getElementType());
  bool mask = type.getElementType().isInteger(1);
  if (!storage && !mask)
    return fail(user) << "it reads " << type
                      << " (the epilogue reads f32, f16, bf16 and i1 tensors)";
  int index = -1;
  for (auto [i, extra] : llvm::enumerate(extras))
    if (extra.value == tensor && extra.map == map)
      index = i;
  if (index < 0) {
    if (int64_t(extras.size()) == kMaxExtras)
      return fail(user) << "the epilogue reads at most " << kMaxExtras
                        << " tensors";
    index = extras.size();
    extras.push_back({tensor, map});
  }
  std::string name = "v" + std::to_string(next++);
  if (mask)
    body += "    bool " + name + " = loadExtraBool<" + std::to_string(index) +
            ">(p, at);\n";
  else
    body += "    float " + name + " = loadExtra<" + storage->str() + ", " +
            std::to_string(index) + ">(p, at);\n";
  return name;
}

std::optional<std::string> EpilogueWriter::readConstant(Value value) {
  return getScalarConstantExpression(value);
}

FailureOr<std::string>
EpilogueWriter::readTensorOperand(Value value, AffineMap map, Operation *user) {
  auto it = values.find(value);
  if (it != values.end()) {
    if (!map.isIdentity())
      return fail(user) << "it reads the chain's value through "
                        << AffineMapAttr::get(map)
                        << " (a transpose or broadcast of it stops fusion)";
    return it->second;
  }
  if (std::optional<std::string> constant = readConstant(value))
    return *constant;
  auto argument = dyn_cast<BlockArgument>(value);
  if (dispatch && argument &&
      argument.getOwner() == &dispatch.getBody().front()) {
    if (dispatch.getInputs()[argument.getArgNumber()]
            .getDefiningOp<tensor::EmptyOp>())
      return fail(user) << "it reads the contents of a tensor.empty";
    return readExtra(value, map, user);
  }
  return fail(user) << "it reads a tensor that is neither the chain's value, "
                       "a constant splat nor an input of the dispatch";
}

FailureOr<std::string>
EpilogueWriter::emitScalarOp(Operation *op, ArrayRef<std::string> x) {
  return getScalarOpExpression(op, x, "the epilogue",
                               [&](Operation *op) { return fail(op); });
}

LogicalResult EpilogueWriter::emitTensorElementwise(Operation *op) {
  if (op->getNumResults() != 1)
    return fail(op) << "it has " << op->getNumResults() << " results";
  if (failed(checkElementType(op, op->getResult(0).getType())))
    return failure();
  AffineMap identity =
      AffineMap::getMultiDimIdentityMap(outRank, op->getContext());
  SmallVector<std::string> operands;
  for (Value operand : op->getOperands()) {
    if (failed(checkElementType(op, operand.getType())))
      return failure();
    if (!isa<RankedTensorType>(operand.getType())) {
      std::optional<std::string> constant = readConstant(operand);
      if (!constant)
        return fail(op) << "it reads a scalar that is no constant";
      operands.push_back(*constant);
      continue;
    }
    FailureOr<std::string> read = readTensorOperand(operand, identity, op);
    if (failed(read))
      return failure();
    operands.push_back(*read);
  }
  FailureOr<std::string> expr = emitScalarOp(op, operands);
  if (failed(expr))
    return failure();
  values[op->getResult(0)] =
      define(*expr, getElementTypeOrSelf(op->getResult(0).getType()));
  return success();
}

LogicalResult EpilogueWriter::emitLinalg(linalg::LinalgOp op) {
  if (op.getNumLoops() != op.getNumParallelLoops())
    return fail(op) << "it has reduction dims";
  if (op->getNumResults() != 1 || op.getNumDpsInits() != 1)
    return fail(op) << "the epilogue takes linalg ops of one init and result";
  if (op.getNumLoops() != outRank)
    return fail(op) << "it iterates " << op.getNumLoops()
                    << " dims over a result of rank " << outRank;
  OpOperand *init = op.getDpsInitOperand(0);
  if (!op.getMatchingIndexingMap(init).isIdentity())
    return fail(op) << "it writes its result through a permutation";
  if (failed(checkElementType(op, op->getResult(0).getType())))
    return failure();

  Block *block = op.getBlock();
  llvm::DenseMap<Value, std::string> scalars;
  for (OpOperand &operand : op->getOpOperands()) {
    BlockArgument argument = op.getMatchingBlockArgument(&operand);
    // An init the body ignores (tensor.empty, typically) is not read.
    if (op.isDpsInit(&operand) && argument.use_empty())
      continue;
    Value value = operand.get();
    if (!isa<RankedTensorType>(value.getType())) {
      std::optional<std::string> constant = readConstant(value);
      if (!constant)
        return fail(op) << "it reads a scalar that is no constant";
      scalars[argument] = *constant;
      continue;
    }
    AffineMap map = op.getMatchingIndexingMap(&operand);
    bool projected = llvm::all_of(map.getResults(), [](AffineExpr e) {
      auto c = dyn_cast<AffineConstantExpr>(e);
      return isa<AffineDimExpr>(e) || (c && c.getValue() == 0);
    });
    if (!projected)
      return fail(op) << "it reads an operand through "
                      << AffineMapAttr::get(map)
                      << " (the epilogue reads through projections)";
    FailureOr<std::string> read = readTensorOperand(value, map, op);
    if (failed(read))
      return failure();
    scalars[argument] = *read;
  }
  for (Operation &inner : block->without_terminator()) {
    if (isa<linalg::IndexOp>(inner))
      return fail(&inner) << "the epilogue has no element indices yet";
    if (inner.getNumResults() != 1 || inner.getNumRegions() != 0)
      return fail(&inner) << "the epilogue computes single-result scalar ops";
    if (std::optional<std::string> constant =
            readConstant(inner.getResult(0))) {
      scalars[inner.getResult(0)] = *constant;
      continue;
    }
    if (failed(checkElementType(&inner, inner.getResult(0).getType())))
      return failure();
    SmallVector<std::string> operands;
    for (Value operand : inner.getOperands()) {
      auto it = scalars.find(operand);
      if (it == scalars.end()) {
        std::optional<std::string> constant = readConstant(operand);
        if (!constant)
          return fail(&inner) << "it reads a value from outside its body";
        operands.push_back(*constant);
        continue;
      }
      operands.push_back(it->second);
    }
    FailureOr<std::string> expr = emitScalarOp(&inner, operands);
    if (failed(expr))
      return failure();
    scalars[inner.getResult(0)] = define(*expr, inner.getResult(0).getType());
  }
  // The yield converts nothing (its type is the result's element type), so
  // the yielded scalar is the result's element as it is.
  Value yielded = block->getTerminator()->getOperand(0);
  auto it = scalars.find(yielded);
  if (it != scalars.end()) {
    values[op->getResult(0)] = it->second;
  } else if (std::optional<std::string> constant = readConstant(yielded)) {
    values[op->getResult(0)] =
        define(*constant, getElementTypeOrSelf(op->getResult(0).getType()));
  } else {
    return fail(op) << "it yields a value from outside its body";
  }
  return success();
}

FailureOr<std::string> EpilogueWriter::dequantize() {
  // The reference's order (docs/lowering/Quantization.md): the f32 sum
  // times the product of the two scales, one group over all of K.
  MLIRContext *context = matmul->getContext();
  auto dims = [&](ArrayRef<AffineExpr> results) {
    return AffineMap::get(outRank, 0, results, context);
  };
  AffineExpr col = getAffineDimExpr(outRank - 1, context),
             zero = getAffineConstantExpr(0, context);
  // a_scale: per tensor, or per token ([B..., M]: the output's batch dims
  // and row).
  auto aScaleType = cast<RankedTensorType>(matmul->getAScale().getType());
  SmallVector<AffineExpr> aDims;
  if (aScaleType.getRank() != 0)
    for (int64_t d = 0; d < outRank - 1; ++d)
      aDims.push_back(getAffineDimExpr(d, context));
  // b_scale: per tensor, per channel [N], or the one group along K the
  // kernel's single sum admits ([1, N] or [N, 1]; more groups are refused
  // by checkQuantizedGemmSupported before any epilogue is built).
  auto bScaleType = cast<RankedTensorType>(matmul->getBScale().getType());
  SmallVector<AffineExpr> bDims;
  if (bScaleType.getRank() == 1) {
    bDims.push_back(col);
  } else if (bScaleType.getRank() == 2) {
    int64_t groupDim = matmul->getTransposeB() ? 1 : 0;
    assert(bScaleType.getDimSize(groupDim) == 1 && "one group along K");
    bDims = groupDim == 0 ? SmallVector<AffineExpr>{zero, col}
                          : SmallVector<AffineExpr>{col, zero};
  }
  FailureOr<std::string> aScale =
      readExtra(matmul->getAScale(), dims(aDims), root);
  if (failed(aScale))
    return failure();
  FailureOr<std::string> bScale =
      readExtra(matmul->getBScale(), dims(bDims), root);
  if (failed(bScale))
    return failure();
  return "(acc * (" + *aScale + " * " + *bScale + "))";
}

FailureOr<GemmEpilogue> EpilogueWriter::write() {
  Value rootResult = root->getResult(0);
  RankedTensorType resultType = tensorType(rootResult);
  MLIRContext *context = root->getContext();
  // The root itself: the f32 sum (a matmul's dequantized, with its bias),
  // one rounding.
  std::string sum = "acc";
  if (matmul && matmul->isQuantized()) {
    FailureOr<std::string> dequantized = dequantize();
    if (failed(dequantized))
      return failure();
    sum = *dequantized;
  }
  if (Value bias = matmul ? matmul->getBias() : Value()) {
    AffineMap map = AffineMap::get(
        outRank, 0, getAffineDimExpr(outRank - 1, context), context);
    FailureOr<std::string> read = readExtra(bias, map, root);
    if (failed(read))
      return failure();
    sum = "(" + sum + " + " + *read + ")";
  }
  values[rootResult] = define(sum, resultType.getElementType());

  Value result = rootResult;
  if (dispatch) {
    for (Operation &op : dispatch.getBody().front().without_terminator()) {
      if (&op == root || isa<tensor::EmptyOp>(op) ||
          (op.getNumResults() == 1 && readConstant(op.getResult(0))))
        continue;
      // A constant the epilogue cannot inline (not a scalar splat) is data
      // for the host program, which uploads it as a dispatch input.
      if (isa<arith::ConstantOp>(op))
        return fail(&op) << "it is a constant that is not a scalar splat; "
                            "pass it to the dispatch as an input (as "
                            "accel-form-dispatches does)";
      if (op.isBeforeInBlock(root))
        return fail(&op) << "it comes before the dispatch's "
                         << (matmul ? StringRef("matmul")
                                    : root->getName().getStringRef());
      LogicalResult emitted = failure();
      if (auto linalgOp = dyn_cast<linalg::LinalgOp>(op))
        emitted = emitLinalg(linalgOp);
      else if (OpTrait::hasElementwiseMappableTraits(&op) &&
               llvm::all_of(op.getResultTypes(), [](Type t) {
                 return isa<RankedTensorType>(t);
               }))
        emitted = emitTensorElementwise(&op);
      else
        fail(&op) << "the epilogue takes elementwise tensor arith/math ops "
                     "and all-parallel linalg ops";
      if (failed(emitted))
        return failure();
    }
    auto yield = cast<YieldOp>(dispatch.getBody().front().getTerminator());
    if (yield.getValues().size() != 1 || !values.count(yield.getValues()[0]))
      return yield.emitOpError()
             << "must yield exactly the epilogue's last value for the GEMM "
                "kernel, got "
             << yield.getValues().size() << " values";
    result = yield.getValues()[0];
    auto yieldedType = cast<RankedTensorType>(result.getType());
    if (yieldedType.getShape() != resultType.getShape())
      return yield.emitOpError()
             << "yields " << yieldedType
             << ", not the matmul's shape, from a GEMM epilogue";
  }
  Type resultElement = getElementTypeOrSelf(result.getType());
  if (!getCudaFloatType(resultElement))
    return fail(result.getDefiningOp())
               << "the GEMM kernel stores f32, f16 or bf16, not "
               << resultElement;

  GemmEpilogue epilogue;
  std::string apply =
      "  __device__ static float apply(const accelkern_gemm::GemmParams &p, "
      "float acc,\n                                  const "
      "accelkern_gemm::EpilogueCoord &at) {\n"
      "    using namespace accelkern_gemm;\n" +
      body + "    return " + values[result] + ";\n  }\n";
  epilogue.name = "AccelEpilogue_" + llvm::utohexstr(llvm::xxh3_64bits(apply),
                                                     /*LowerCase=*/true);
  epilogue.source = "struct " + epilogue.name + " {\n" + apply + "};\n";
  epilogue.extras = std::move(extras);
  epilogue.resultElementType = resultElement;
  return epilogue;
}

FailureOr<GemmEpilogue> accel::codegen::gemm::buildGemmEpilogue(GemmOp matmul) {
  return EpilogueWriter(matmul).write();
}

FailureOr<GemmEpilogue>
accel::codegen::gemm::buildKernelEpilogue(Operation *root) {
  return EpilogueWriter(root).write();
}

const TensorBinding &accel::codegen::gemm::getEpilogueTensorBinding(
    Operation *root, const EpilogueExtra &extra,
    ArrayRef<TensorBinding> operands, ArrayRef<TensorBinding> dispatchInputs) {
  if (auto argument = dyn_cast<BlockArgument>(extra.value);
      argument && isa<DispatchOp>(argument.getOwner()->getParentOp()))
    return dispatchInputs[argument.getArgNumber()];
  for (OpOperand &operand : root->getOpOperands())
    if (operand.get() == extra.value)
      return operands[operand.getOperandNumber()];
  llvm_unreachable("an operand of the root");
}

void accel::codegen::gemm::buildEpilogueTensorChecks(
    Operation *root, const GemmEpilogue &epilogue, HostBuilder &host,
    ArrayRef<TensorBinding> operands, ArrayRef<TensorBinding> dispatchInputs,
    ArrayRef<Value> out) {
  for (auto [i, extra] : llvm::enumerate(epilogue.extras)) {
    const TensorBinding &t =
        getEpilogueTensorBinding(root, extra, operands, dispatchInputs);
    for (auto [d, expr] : llvm::enumerate(extra.map.getResults()))
      if (auto dim = dyn_cast<AffineDimExpr>(expr))
        host.checkEqual(root, t.sizes[d], out[dim.getPosition()],
                        "the sizes of epilogue tensor #" + std::to_string(i) +
                            " dim " + std::to_string(d) + " and the output");
  }
}

SmallVector<Value> accel::codegen::gemm::getEpilogueCoordinateStrides(
    HostBuilder &host, const EpilogueExtra &extra, const TensorBinding &t,
    int64_t outRank) {
  SmallVector<Value> strides = host.getStrides(t);
  SmallVector<Value> coordStrides(outRank, host.constant(0));
  for (auto [d, expr] : llvm::enumerate(extra.map.getResults()))
    if (auto dim = dyn_cast<AffineDimExpr>(expr))
      coordStrides[dim.getPosition()] =
          host.add(coordStrides[dim.getPosition()], strides[d]);
  return coordStrides;
}
